/** What the Web asks the Server (the lab's message set; the document only says the Server verifies user input and acts in AD). */
export type ServerOp =
  | { readonly op: "enroll"; readonly user: string; readonly password: string; readonly answers: readonly string[]; readonly mobile?: string }
  | { readonly op: "reset"; readonly user: string; readonly answers: readonly string[]; readonly newPassword: string }
  | { readonly op: "change"; readonly user: string; readonly oldPassword: string; readonly newPassword: string }
  | { readonly op: "mobile-reset"; readonly user: string; readonly newPassword: string }
  | { readonly op: "status"; readonly user: string }
  | { readonly op: "helpdesk"; readonly actor: string; readonly actorPassword: string; readonly user: string }
  | { readonly op: "reporting"; readonly actor: string; readonly actorPassword: string };

export type ServerRefusal =
  | "version"
  | "config"
  | "licence-generation"
  | "licence-exceeded"
  | "rights"
  | "directory"
  | "credentials"
  | "not-enrolled"
  | "wrong-answers"
  | "no-mobile"
  | "denied";

export type ServerReply =
  | { readonly ok: true; readonly enrolled?: boolean; readonly data?: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly code: ServerRefusal; readonly message: string; readonly rule: string };

/** The rule each refusal is explained by (the diagnosis may refine it with what it knows of the estate). */
export const REFUSAL_RULES: Readonly<Record<ServerRefusal, string>> = {
  version: "spr.server.role.version",
  config: "spr.server.role.config",
  "licence-generation": "spr.post.license",
  "licence-exceeded": "spr.server.management-level.licence",
  rights: "spr.server.management-level",
  directory: "spr.post.flows",
  credentials: "spr.post.flows",
  "not-enrolled": "spr.post.flows",
  "wrong-answers": "spr.post.flows",
  "no-mobile": "spr.post.flows",
  denied: "spr.post.elevated-pages",
};

export function refuse(code: ServerRefusal, message: string): ServerReply {
  return { ok: false, code, message, rule: REFUSAL_RULES[code] };
}
