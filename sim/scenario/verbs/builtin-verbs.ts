import { advanceVerb } from "./advance.ts";
import type { BuiltinVerb } from "./builtin-verb.ts";
import { certVerb } from "./cert.ts";
import { domainVerb } from "./domain.ts";
import { featureVerb } from "./feature.ts";
import { filesVerb } from "./files.ts";
import { firewallVerb } from "./firewall.ts";
import { gpoVerb } from "./gpo.ts";
import { registryVerb } from "./registry.ts";
import { restartVerb } from "./restart.ts";
import { serviceVerb } from "./service.ts";
import { shareVerb } from "./share.ts";
import { verifyVerb } from "./verify.ts";

/**
 * The verbs every scenario can use, whatever its product: time, checks, and
 * the estate verbs (one file each in this folder, one line in this list).
 */
export const BUILTIN_VERBS: readonly BuiltinVerb<any>[] = [
  advanceVerb,
  verifyVerb,
  restartVerb,
  registryVerb,
  filesVerb,
  serviceVerb,
  certVerb,
  firewallVerb,
  gpoVerb,
  featureVerb,
  shareVerb,
  domainVerb,
];
