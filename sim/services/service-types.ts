export type ServiceState = "STOPPED" | "START_PENDING" | "RUNNING" | "STOP_PENDING";

export type StartType = "auto" | "auto-delayed" | "manual" | "disabled";

export interface ServicePort {
  protocol: "udp" | "tcp";
  port: number;
}

export interface ServiceConfig {
  name: string;
  displayName?: string;
  /** Image path as in the registry: `"C:\Program Files\X\svc.exe" -k arg` or unquoted. */
  binaryPath: string;
  startType: StartType;
  /** "LocalSystem", "NetworkService", "LocalService" (NT AUTHORITY\... also accepted), "DOMAIN\user", ".\user" or "user@domain". */
  account: string;
  password?: string;
  dependencies?: string[];
  /** Ports the service binds while it runs. */
  ports?: ServicePort[];
  startDelayMs?: number;
  stopDelayMs?: number;
  description?: string;
}

/** A service's configuration as the SCM reports it: defaults filled in, password never included. */
export interface ServiceConfigView {
  name: string;
  displayName: string;
  binaryPath: string;
  startType: StartType;
  account: string;
  dependencies: string[];
  ports: ServicePort[];
  startDelayMs: number;
  stopDelayMs: number;
  description?: string;
}

/** A Win32 error number and the lab's explanation of it. */
export interface ServiceError {
  error: number;
  reason: string;
}

export interface ServiceStatus {
  config: ServiceConfigView;
  state: ServiceState;
  /** Why the last start failed or the service last stopped abnormally; cleared by a successful start. */
  lastError?: ServiceError;
  /** Lab time (ms) at which the current pending state ends, while one is pending. */
  pendingUntil?: number;
  /** Deleted while running: the service disappears when it stops, and cannot start meanwhile. */
  markedForDelete: boolean;
  hasPassword: boolean;
}

export type StartResult = { ok: true } | ({ ok: false } & ServiceError);
export type StopResult = { ok: true } | ({ ok: false } & ServiceError);

/** Verifies a service account's credentials at start time; the directory plugs in here. */
export interface ServiceAuthenticator {
  logon(account: string, password: string): { ok: true } | { ok: false; reason: string };
}

export type ServiceStateListener = (name: string, state: ServiceState) => void;

export interface ServiceControlManagerOptions {
  host: string;
  /** Whether the service's executable exists on the host's disk. */
  fileExists: (path: string) => boolean;
  /** Ports held by anything other than this SCM's services (the SCM knows its own). */
  portInUse?: (protocol: "udp" | "tcp", port: number) => boolean;
  authenticator?: ServiceAuthenticator;
  /** How long after boot an auto-delayed service starts; Windows waits 120 s. */
  delayedAutoStartMs?: number;
}
