import { createHash } from "node:crypto";
import type { LicenceGeneration } from "./versions.ts";

/**
 * The solution's central configuration and user data, which the real
 * product keeps in Active Directory: the version that last wrote the
 * configuration, the licence, and the users' enrollments (answers hashed).
 */
export interface CentralConfig {
  /** Version of the Server or Administration Tools setup that last wrote the configuration. */
  stamp: string | undefined;
  licence: Licence | undefined;
  readonly enrollments: Map<string, Enrollment>;
  /** Set once a Web with the mobile component served: from then on the mobile process is part of the tests. */
  mobileInUse: boolean;
}

export interface Licence {
  readonly generation: LicenceGeneration;
  /** How many user accounts in the management level it covers. */
  readonly users: number;
}

export interface Enrollment {
  readonly answersHash: string;
  readonly mobile?: string;
}

export function newCentralConfig(): CentralConfig {
  return { stamp: undefined, licence: undefined, enrollments: new Map(), mobileInUse: false };
}

/** Answers are stored hashed, never as given (they are secrets, like passwords). */
export function hashAnswers(user: string, answers: readonly string[]): string {
  const h = createHash("sha256").update(user.toLowerCase());
  for (const a of answers) h.update("\u0000").update(a.trim().toLowerCase());
  return h.digest("hex");
}
