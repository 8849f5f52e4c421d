import type { Lab } from "../../lab.ts";
import { CapacityModel } from "./capacity.ts";
import type { ChangeRecord } from "./change-record.ts";
import type { PolicyStore } from "./policy.ts";
import { createPolicyStore } from "./policy.ts";
import { TargetSystems } from "./targets.ts";

/** What LSASS of one DC loaded at its last start (the notifier that runs until the next restart). */
export interface LoadedNotifier {
  readonly version: string;
  readonly dllPath: string;
  readonly loadedAtMs: number;
  /** Trace event of the load. */
  readonly eventId: number;
}

/** The notifier of one domain controller: what its last boot loaded, and why nothing was when nothing was. */
export interface NotifierRuntime {
  loaded: LoadedNotifier | undefined;
  /** Set when the last boot found the package registered but could not load it. */
  loadFailure: { readonly reason: string; readonly eventId: number } | undefined;
}

/** One Sync Server as its setup configured it. */
export interface SyncServerRuntime {
  readonly host: string;
  version: string;
  /** Thumbprint of the certificate selected in setup (LocalMachine\My of the server). */
  certificateThumbprint: string;
  /** Sync Providers installed (the others were deselected: Entire Feature will be unavailable). */
  providers: string[];
  /** Closes the network listener while the service is stopped. */
  closeListener: (() => void) | undefined;
}

export interface LicenseState {
  readonly importedAtMs: number;
  /** Lab time at which it stops being valid; undefined: never. */
  readonly expiresAtMs: number | undefined;
  readonly eventId: number;
}

/** Every piece of Specops Password Sync runtime state of one lab. */
export interface SpsState {
  initialised: boolean;
  readonly notifiers: Map<string, NotifierRuntime>;
  readonly servers: Map<string, SyncServerRuntime>;
  license: LicenseState | undefined;
  readonly policy: PolicyStore;
  readonly capacity: CapacityModel;
  readonly targets: TargetSystems;
  /** Current passwords the lab's operators know, by user (never traced). */
  readonly passwords: Map<string, string>;
  readonly changes: ChangeRecord[];
  /** Hosts whose restart / service listeners are attached. */
  readonly wired: Set<string>;
  nextChangeId: number;
}

export const SPS_STATE_KEY = "specops-sync";

export function spsState(lab: Lab): SpsState {
  return lab.state<SpsState>(SPS_STATE_KEY, () => ({
    initialised: false,
    notifiers: new Map(),
    servers: new Map(),
    license: undefined,
    policy: createPolicyStore(),
    capacity: new CapacityModel(),
    targets: new TargetSystems(lab),
    passwords: new Map(),
    changes: [],
    wired: new Set(),
    nextChangeId: 1,
  }));
}

export function notifierOf(state: SpsState, dc: string): NotifierRuntime {
  const key = dc.toUpperCase();
  let n = state.notifiers.get(key);
  if (!n) state.notifiers.set(key, (n = { loaded: undefined, loadFailure: undefined }));
  return n;
}
