import { LabError, memoPure } from "../kernel/index.ts";
import { WIN32 } from "./win32-errors.ts";

export type ServiceAccount =
  | { kind: "builtin"; name: "LocalSystem" | "NetworkService" | "LocalService" }
  | { kind: "user"; account: string };

// The spellings sc.exe, services.msc and installers use for the three built-in accounts.
const BUILTIN: Readonly<Record<string, "LocalSystem" | "NetworkService" | "LocalService">> = {
  localsystem: "LocalSystem",
  ".\\localsystem": "LocalSystem",
  "nt authority\\system": "LocalSystem",
  networkservice: "NetworkService",
  "nt authority\\networkservice": "NetworkService",
  "nt authority\\network service": "NetworkService",
  localservice: "LocalService",
  "nt authority\\localservice": "LocalService",
  "nt authority\\local service": "LocalService",
};

// Characters Windows forbids in a user name.
const BAD_USER_CHARS = /["/\\[\]:;|=,+*?<>@]/;

/**
 * Classifies a "Log On As" value. Built-in accounts need no password; any
 * other account must name its domain ("CORP\svc", ".\svc" for a local one,
 * or "svc@corp.example"), as ChangeServiceConfig demands.
 */
export function parseServiceAccount(account: string): ServiceAccount {
  // Not a string: parse says why, every time.
  return typeof account === "string" ? parsed(account) : parse(account);
}

// Every create, configure and start of a service classifies its account, and a host has a handful: results are frozen.
const parsed = memoPure((account: string): ServiceAccount => Object.freeze(parse(account)));

function parse(account: string): ServiceAccount {
  const text = typeof account === "string" ? account.trim() : "";
  const builtin = BUILTIN[text.toLowerCase()];
  if (builtin) return { kind: "builtin", name: builtin };
  const down = /^([^\\@\s][^\\@]*)\\([^\\]+)$/.exec(text);
  if (down && !BAD_USER_CHARS.test(down[2]!)) return { kind: "user", account: text };
  const upn = /^([^@\\\s]+)@([^@\\\s]+)$/.exec(text);
  if (upn && !BAD_USER_CHARS.test(upn[1]!)) return { kind: "user", account: text };
  throw new LabError({
    code: "INVALID_SERVICE_ACCOUNT",
    message: `service account "${String(account)}" is not LocalSystem, NetworkService, LocalService, DOMAIN\\user, .\\user or user@domain`,
    remedy: "name the account with its domain, e.g. CORP\\svc-pwreset",
    details: { account, windowsError: WIN32.INVALID_SERVICE_ACCOUNT },
  });
}
