import type { SambaDcEndpoint } from "./samba-domain.ts";

/** The DirectoryService calls the blocking bridge forwards. */
export type BlockingMethod = "findUser" | "checkPassword" | "resetPassword" | "changePassword" | "unlock" | "isMemberOf" | "canResetPassword" | "passwordPolicy" | "lockoutPolicy";

export interface BlockingWorkerData {
  readonly endpoint: SambaDcEndpoint;
  /** [sAMAccountName, password] of the accounts the worker may act as. */
  readonly credentials: ReadonlyArray<readonly [string, string]>;
}

export interface BlockingRequest {
  readonly method: BlockingMethod;
  readonly args: readonly unknown[];
  /** Int32 [state, byteLength] followed by the JSON answer. */
  readonly shared: SharedArrayBuffer;
}

/** Slot states in the shared buffer's first Int32. */
export const PENDING = 0;
export const ANSWERED = 1;
export const FAILED = 2;
/** Room for one answer (a UserView is well under 4 KiB). */
export const ANSWER_BYTES = 256 * 1024;
