import { readFileSync } from "node:fs";
import { LabError } from "../kernel/index.ts";
import { startContainerSambaDc } from "./container-samba-dc.ts";
import { detectContainerRuntime, type ContainerRuntimeStatus } from "./container-runtime.ts";
import { startLocalSambaDc } from "./local-samba-dc.ts";
import type { SambaDc } from "./samba-dc.ts";
import type { SambaDomainOptions } from "./samba-domain.ts";
import { findSambaTools, type SambaTools, type SambaToolsLookup } from "./samba-tools.ts";

export type SambaBackendPreference = "auto" | "host" | "container";

/** Where a DC can come from on this machine, each path with its reason when it cannot. */
export type SambaBackendChoice =
  | { readonly kind: "host"; readonly tools: SambaTools; readonly container: ContainerRuntimeStatus }
  | { readonly kind: "container"; readonly host: SambaToolsLookup; readonly container: ContainerRuntimeStatus }
  | { readonly kind: "none"; readonly reason: string; readonly host: SambaToolsLookup; readonly container: ContainerRuntimeStatus };

export interface ChooseSambaBackendOptions {
  /** LAB_SAMBA_BACKEND by default; "auto" takes the host's packages first. */
  readonly prefer?: SambaBackendPreference;
  readonly findTools?: () => SambaToolsLookup;
  /** Whether this process may bind ports below 1024 (root); injectable for tests. */
  readonly privilegedPorts?: () => boolean;
  readonly detectRuntime?: () => Promise<ContainerRuntimeStatus>;
}

/**
 * Picks the host packages or a container. Both are looked at, so a report
 * can say why the other path was skipped (here, typically: a docker client
 * answers but no engine runs).
 */
export async function chooseSambaBackend(options: ChooseSambaBackendOptions = {}): Promise<SambaBackendChoice> {
  const prefer = options.prefer ?? preferenceFromEnv(process.env.LAB_SAMBA_BACKEND);
  const host = hostLookup((options.findTools ?? findSambaTools)(), (options.privilegedPorts ?? mayBindPrivilegedPorts)());
  const container = await (options.detectRuntime ?? detectContainerRuntime)();
  if (prefer !== "container" && host.found) return { kind: "host", tools: host.tools, container };
  if (prefer !== "host" && container.available) return { kind: "container", host, container };
  const reasons = [prefer === "container" ? undefined : `host: ${host.found ? "not chosen" : host.reason}`, prefer === "host" ? undefined : `container: ${container.available ? "not chosen" : container.reason}`].filter(Boolean);
  return { kind: "none", reason: `no Samba DC can be started (${prefer}): ${reasons.join("; ")}`, host, container };
}

/** Samba cannot move LDAP off 389/636: a host DC needs a process that may bind them. */
function hostLookup(tools: SambaToolsLookup, privileged: boolean): SambaToolsLookup {
  if (!tools.found || privileged) return tools;
  return { found: false, reason: `samba is installed, but a DC listens on ports 389 and 636, which this user (uid ${process.getuid?.() ?? "?"}) may not bind: run as root, or lower net.ipv4.ip_unprivileged_port_start` };
}

function mayBindPrivilegedPorts(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_unprivileged_port_start", "utf8").trim()) <= 389;
  } catch {
    return false;
  }
}

export function preferenceFromEnv(value: string | undefined): SambaBackendPreference {
  if (value === undefined || value === "") return "auto";
  if (value === "auto" || value === "host" || value === "container") return value;
  throw new LabError({ code: "SAMBA_BAD_BACKEND", message: `LAB_SAMBA_BACKEND must be auto, host or container, got "${value}"` });
}

/** Starts a DC on the chosen path. */
export async function startSambaDc(choice: SambaBackendChoice, options: { domain?: SambaDomainOptions } = {}): Promise<SambaDc> {
  switch (choice.kind) {
    case "host":
      return startLocalSambaDc(choice.tools, options);
    case "container":
      return startContainerSambaDc(options);
    case "none":
      throw new LabError({ code: "SAMBA_UNAVAILABLE", message: choice.reason, remedy: "apt-get install -y samba samba-ad-dc, or run a container engine" });
  }
}
