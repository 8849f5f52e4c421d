export { BUILTIN_VERBS } from "./builtin-verbs.ts";
export { defineBuiltinVerb } from "./builtin-verb.ts";
export { advanceMs, advanceVerb } from "./advance.ts";
export { verifyVerb } from "./verify.ts";
export type { BuiltinVerb } from "./builtin-verb.ts";
export type { AdvanceArgs } from "./advance.ts";
export type { VerifyArgs } from "./verify.ts";
