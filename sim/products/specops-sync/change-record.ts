import type { TrustFailure } from "../../certs/index.ts";
import type { TargetKind } from "./targets.ts";

/** One step of a change's way through the estate, with the trace event that shows it. */
export interface PathHop {
  readonly host: string;
  readonly what: string;
  readonly eventId: number;
}

/** Why a change reached no Sync Server, or was refused by the one it reached. */
export type LossCause =
  | { readonly kind: "no-notifier"; readonly detail: string; readonly eventIds: readonly number[] }
  | { readonly kind: "no-sync-server"; readonly detail: string; readonly eventIds: readonly number[] }
  | { readonly kind: "all-servers-failed"; readonly detail: string; readonly eventIds: readonly number[] }
  | { readonly kind: "unlicensed"; readonly server: string; readonly detail: string; readonly eventIds: readonly number[] };

/** One attempt of the notifier to hand the change to one Sync Server. */
export type ServerAttempt =
  | { readonly server: string; readonly outcome: "accepted"; readonly eventId: number }
  | { readonly server: string; readonly outcome: "connect-failed"; readonly reason: string; readonly detail: string; readonly eventId: number }
  | { readonly server: string; readonly outcome: "tls-refused"; readonly reason: TrustFailure; readonly selfSigned: boolean; readonly detail: string; readonly eventId: number }
  | { readonly server: string; readonly outcome: "protocol-refused"; readonly notifierVersion: string; readonly serverVersion: string; readonly detail: string; readonly eventId: number };

export type TargetFailure = "provider-missing" | "down" | "error" | "timeout";

export interface TargetOutcome {
  readonly target: string;
  readonly point: string;
  readonly provider: TargetKind;
  readonly arrived: boolean;
  readonly failure?: TargetFailure;
  readonly status?: number;
  readonly detail: string;
  readonly eventId: number;
  /** Lab time the target committed the password. */
  readonly atMs?: number;
}

/** Everything the lab knows about one password change: where it was made, the way it took, where it arrived. */
export interface ChangeRecord {
  readonly id: string;
  readonly user: string;
  readonly madeOn: string;
  /** The writable DC that applied it (an RODC forwards the write). */
  readonly handledBy: string;
  readonly atMs: number;
  readonly digest: string;
  readonly notifierVersion?: string;
  readonly server?: string;
  /** Time the change waited in the Sync Server's queue. */
  readonly waitMs?: number;
  readonly waitEventId?: number;
  readonly path: PathHop[];
  readonly attempts: ServerAttempt[];
  readonly lost?: LossCause;
  /** Policies the server could not read (written by newer Administration Tools). */
  readonly unreadablePolicies?: readonly { gpo: string; point: string; format: number }[];
  readonly policyEventId?: number;
  /** Target systems the user's policy names. */
  readonly expected: readonly string[];
  readonly targets: TargetOutcome[];
}
