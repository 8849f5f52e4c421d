import type { Lab } from "../../lab.ts";
import type { StreamListener } from "../../net/index.ts";
import { newCentralConfig, type CentralConfig } from "./central-config.ts";
import type { SprComponent } from "./components.ts";
import { SPR_LATEST } from "./versions.ts";

/** One install or upgrade a setup performed: the order rules read this history. */
export interface SetupRecord {
  readonly step: number;
  readonly host: string;
  readonly component: SprComponent;
  readonly from: string | undefined;
  readonly to: string;
}

/** The Client's GPSI deployment as the lab knows it (the GPO and the share it names). */
export interface ClientDeployment {
  gpo: string | undefined;
  share: string | undefined;
  /** A DFS namespace with load balancing: the share's path is the namespace, served by these targets. */
  dfsTargets: readonly string[];
  /** Lab time of the last change to the GPO's packages: a workstation restarted before it runs the old Client. */
  changedAt: number | undefined;
}

/**
 * Everything of Specops Password Reset that does not live on a host's disk,
 * registry or services: the central configuration (in AD for the real
 * product), the lab's bookkeeping of setups, and the users' side (mobile app,
 * the passwords the lab's test users know).
 */
export interface SprState {
  readonly central: CentralConfig;
  readonly setups: SetupRecord[];
  readonly listeners: Map<string, StreamListener>;
  /** Hosts whose Server service the runtime follows (listen when RUNNING). */
  readonly attached: Set<string>;
  readonly deployment: ClientDeployment;
  /** Passwords the lab's test users know now (they change as the flows reset and change them). */
  readonly passwords: Map<string, string>;
  /** Attributes the lab's directory has no schema for (a custom mobile attribute), per user. */
  readonly extensionAttributes: Map<string, Map<string, string>>;
  /** Specops Password Policy in the domain, as far as Password Reset sees it. */
  passwordPolicy: { version: string; passphrases: boolean } | undefined;
  /** The mobile application version the users have. */
  mobileApp: string;
  /** The corporate branding each Web served when the lab started (what the branding check expects). */
  readonly branding: Map<string, string>;
  /** Webs whose SSL certificate could not be selected in the setup and is not bound yet (host -> the certificate asked for). */
  readonly unboundCertificates: Map<string, string>;
  /** Service account passwords the operator knows (from the installation notes), by sAMAccountName. */
  readonly servicePasswords: Map<string, string>;
  installerRegistered: boolean;
  /** Counter for the lab's generated passwords. */
  passwordSerial: number;
}

export function sprState(lab: Lab): SprState {
  return lab.state<SprState>("specops-reset", () => ({
    central: newCentralConfig(),
    setups: [],
    listeners: new Map(),
    attached: new Set(),
    deployment: { gpo: undefined, share: undefined, dfsTargets: [], changedAt: undefined },
    passwords: new Map(),
    extensionAttributes: new Map(),
    passwordPolicy: undefined,
    mobileApp: SPR_LATEST,
    branding: new Map(),
    unboundCertificates: new Map(),
    servicePasswords: new Map(),
    installerRegistered: false,
    passwordSerial: 0,
  }));
}
