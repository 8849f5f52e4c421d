import { advanceVerb } from "./advance.ts";
import type { BuiltinVerb } from "./builtin-verb.ts";
import { verifyVerb } from "./verify.ts";

/**
 * The verbs every scenario can use, whatever its product. The estate verbs
 * (restart, registry, files, service, cert, gpo) join here: one file each in
 * this folder, one line in this list.
 */
export const BUILTIN_VERBS: readonly BuiltinVerb<any>[] = [advanceVerb, verifyVerb];
