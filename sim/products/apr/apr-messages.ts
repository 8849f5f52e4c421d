/**
 * What travels inside the sealed datagram: one request, one reply, as JSON.
 * The lab's own encoding (the vendor's is not public).
 */

export interface EnrollRequest {
  readonly op: "enroll";
  readonly user: string;
  /** The user proves who they are with their current password before enrolling. */
  readonly password: string;
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
}
export interface QuestionsRequest {
  readonly op: "questions";
  readonly user: string;
}
export interface ResetRequest {
  readonly op: "reset";
  readonly user: string;
  readonly answers: readonly string[];
  readonly newPassword: string;
}
export interface ChangeRequest {
  readonly op: "change";
  readonly user: string;
  readonly oldPassword: string;
  readonly newPassword: string;
}
export type AprRequest = EnrollRequest | QuestionsRequest | ResetRequest | ChangeRequest;
export type AprOp = AprRequest["op"];

export const REPLY_CODES = [
  "BAD_REQUEST",
  "UNKNOWN_USER",
  "NOT_ENROLLED",
  "BAD_CREDENTIALS",
  "WRONG_ANSWERS",
  "LOCKED_OUT",
  "DIRECTORY_ERROR",
  "DATABASE_UNAVAILABLE",
  "LICENCE_EXPIRED",
] as const;
export type ReplyCode = (typeof REPLY_CODES)[number];

export type AprReply =
  | { readonly ok: true; readonly op: AprOp; readonly questions?: readonly string[] }
  | {
      readonly ok: false;
      readonly op: AprOp | "unknown";
      readonly code: ReplyCode;
      readonly message: string;
      /** The directory's own error, when the directory refused. */
      readonly directory?: { readonly code: string; readonly ldapCode: number; readonly adData?: string };
      /** Wrong answers left before the lockout. */
      readonly attemptsLeft?: number;
    };

/** A refusal before the request is even read: sealed with the version-independent key. */
export type AprWireError =
  | { readonly code: "VERSION_MISMATCH"; readonly serverVersion: string; readonly requestVersion: string }
  | { readonly code: "REQUEST_EXPIRED"; readonly skewMs: number };

const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  // Buffer.from rather than TextEncoder: a third cheaper for the few hundred bytes of a message.
  return Buffer.from(JSON.stringify(value), "utf8");
}

export function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

const isString = (v: unknown): v is string => typeof v === "string";
const MAX_FIELD = 512;
const short = (v: unknown): v is string => isString(v) && v.length <= MAX_FIELD;

/**
 * Validates a decrypted request; a peer that authenticated can still send nonsense.
 * Enrolment answers are checked where they are, not copied: nothing reads more of them than the two fields.
 */
export function parseRequest(value: unknown): AprRequest | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (!short(r.user) || r.user.length === 0) return undefined;
  switch (r.op) {
    case "questions":
      return { op: "questions", user: r.user };
    case "enroll": {
      if (!short(r.password) || !Array.isArray(r.answers) || r.answers.length === 0 || r.answers.length > 10) return undefined;
      const answers: unknown[] = r.answers;
      for (let i = 0; i < answers.length; i++) {
        const o = answers[i] as Record<string, unknown> | null;
        if (!(o && short(o.question) && short(o.answer))) return undefined;
      }
      return { op: "enroll", user: r.user, password: r.password, answers: answers as { question: string; answer: string }[] };
    }
    case "reset":
      if (!Array.isArray(r.answers) || r.answers.length > 10 || !r.answers.every(short) || !short(r.newPassword)) return undefined;
      return { op: "reset", user: r.user, answers: r.answers as string[], newPassword: r.newPassword };
    case "change":
      if (!short(r.oldPassword) || !short(r.newPassword)) return undefined;
      return { op: "change", user: r.user, oldPassword: r.oldPassword, newPassword: r.newPassword };
    default:
      return undefined;
  }
}

export function parseReply(value: unknown): AprReply | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (r.ok === true && isString(r.op)) return value as AprReply;
  if (r.ok === false && isString(r.code) && isString(r.message)) return value as AprReply;
  return undefined;
}

export function parseWireError(value: unknown): AprWireError | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (r.code === "VERSION_MISMATCH" && isString(r.serverVersion) && isString(r.requestVersion)) return value as AprWireError;
  if (r.code === "REQUEST_EXPIRED" && typeof r.skewMs === "number") return value as AprWireError;
  return undefined;
}
