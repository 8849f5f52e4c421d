import type { Lab } from "../../lab.ts";
import type { ProductModule } from "../../product/index.ts";
import { changePasswordVerb } from "./change-password-verb.ts";
import { extractVerb } from "./extract-verb.ts";
import { SPS_FAULTS } from "./faults.ts";
import { gpsiVerb } from "./gpsi-verb.ts";
import { importCertVerb } from "./import-cert-verb.ts";
import { judgeFinal } from "./judge-final.ts";
import { licenseVerb } from "./license-verb.ts";
import { loadVerb } from "./load-verb.ts";
import { msiVerb } from "./msi-verb.ts";
import { policyVerb } from "./policy-verb.ts";
import { renewCertVerb } from "./renew-cert-verb.ts";
import { restartDcsVerb } from "./restart-dcs-verb.ts";
import { SPS_PRODUCT_ID, SPS_RULES, SPS_SEED_FILE } from "./rules.ts";
import { ensureRuntime } from "./runtime.ts";
import { seedInstalled } from "./seed-installed.ts";
import { setupVerb } from "./setup-verb.ts";
import { uninstallVerb } from "./uninstall-verb.ts";
import { SPS_VERIFICATIONS } from "./verifications.ts";
import { SPS_COMPONENTS } from "./versions.ts";

/** Specops Password Sync as a lab product: rules, components, the operator's verbs, the checks and the final judgement. */
import { planUpgrade } from "./plan-upgrade.ts";

export const specopsSync: ProductModule = {
  id: SPS_PRODUCT_ID,
  title: "Specops Password Sync",
  seedFile: SPS_SEED_FILE,
  rules: SPS_RULES,
  components: SPS_COMPONENTS,
  verbs: [setupVerb, extractVerb, uninstallVerb, msiVerb, gpsiVerb, restartDcsVerb, importCertVerb, renewCertVerb, licenseVerb, policyVerb, changePasswordVerb, loadVerb],
  verifications: SPS_VERIFICATIONS,
  faults: SPS_FAULTS,
  seedInstalled,
  async applyFaults(lab: Lab) {
    // Attaches the runtime (GPSI installer, DC boot hooks) to every lab, faults or not.
    ensureRuntime(lab);
  },
  planUpgrade: (lab: Lab) => planUpgrade(lab),
  judgeFinal,
};
