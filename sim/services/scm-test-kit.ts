import { createContext, type LabContext } from "../kernel/index.ts";
import { ServiceControlManager } from "./service-control-manager.ts";
import type { ServiceAuthenticator, ServiceConfig } from "./service-types.ts";

/** A host stand-in for the SCM's tests: files, foreign ports and a directory, all editable. */
export interface ScmTestLab {
  context: LabContext;
  scm: ServiceControlManager;
  files: Set<string>;
  foreignPorts: Set<string>;
  passwords: Map<string, string>;
  logons: string[];
  directory: ServiceAuthenticator;
}

export function makeScmLab(options: { withDirectory?: boolean; delayedAutoStartMs?: number } = {}): ScmTestLab {
  const context = createContext(7);
  const files = new Set<string>();
  const foreignPorts = new Set<string>();
  const passwords = new Map<string, string>([["CORP\\svc-pwd", "Right-Passw0rd"]]);
  const logons: string[] = [];
  const directory: ServiceAuthenticator = {
    logon(account, password) {
      logons.push(account);
      const expected = passwords.get(account);
      if (expected === undefined) return { ok: false, reason: "unknown user name" };
      return expected === password ? { ok: true } : { ok: false, reason: "bad password" };
    },
  };
  const scm = new ServiceControlManager(context, {
    host: "APP01",
    fileExists: (path) => files.has(path.toLowerCase()),
    portInUse: (protocol, port) => foreignPorts.has(`${protocol}/${port}`),
    authenticator: options.withDirectory === false ? undefined : directory,
    delayedAutoStartMs: options.delayedAutoStartMs,
  });
  return { context, scm, files, foreignPorts, passwords, logons, directory };
}

/** A manual LocalSystem service whose executable exists in `lab`. */
export function addService(lab: ScmTestLab, name: string, extra: Partial<ServiceConfig> = {}): void {
  const exe = `C:\\Program Files\\Lab\\${name}.exe`;
  lab.files.add(exe.toLowerCase());
  lab.scm.create({ name, binaryPath: `"${exe}" --service`, startType: "manual", account: "LocalSystem", ...extra });
}

export function kinds(lab: ScmTestLab, kind: string): Record<string, unknown>[] {
  return lab.context.trace.find((e) => e.component === "scm" && e.kind === kind).map((e) => ({ ...e.data }));
}

/** "name:STATE@time" for every state change, in order. */
export function stateLog(lab: ScmTestLab): string[] {
  return lab.context.trace.find((e) => e.kind === "service.state").map((e) => `${String(e.data.service)}:${String(e.data.to)}@${e.time}`);
}
