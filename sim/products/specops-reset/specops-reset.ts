import type { ProductModule } from "../../product/index.ts";
import { brandingVerb } from "./branding-verb.ts";
import { registerClientInstaller } from "./client-install.ts";
import { SPR_COMPONENTS } from "./components.ts";
import { copyMsiVerb } from "./copy-msi-verb.ts";
import { SPR_FAULTS } from "./faults.ts";
import { iisBindCertificateVerb } from "./iis-bind-certificate-verb.ts";
import { judgeFinal } from "./judge-final.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { licenceVerb } from "./licence-verb.ts";
import { migrateAdmxVerb } from "./migrate-admx-verb.ts";
import { mobileAppVerb } from "./mobile-app-verb.ts";
import { passwordPolicyVerb } from "./password-policy-verb.ts";
import { restartComputersVerb } from "./restart-computers-verb.ts";
import { SPR_PRODUCT_ID, SPR_RULES, SPR_SEED_FILE } from "./rules.ts";
import { seedInstalled } from "./seed-installed.ts";
import { setupAdminVerb } from "./setup-admin-verb.ts";
import { setupClientGpsiVerb } from "./setup-client-gpsi-verb.ts";
import { setupServerVerb } from "./setup-server-verb.ts";
import { setupWebVerb } from "./setup-web-verb.ts";
import { SPR_VERIFICATIONS } from "./verifications.ts";

/** Every plan verb of Specops Password Reset: the Setup Assistant's pages, then the manual steps the document asks for. */
export const SPR_VERBS = [
  setupServerVerb,
  setupWebVerb,
  setupAdminVerb,
  setupClientGpsiVerb,
  copyMsiVerb,
  licenceVerb,
  migrateAdmxVerb,
  mobileAppVerb,
  passwordPolicyVerb,
  iisBindCertificateVerb,
  brandingVerb,
  restartComputersVerb,
] as const;

/** Specops Password Reset as the lab plays it (seeds/000_c4522aeef9f903bf.txt). */
export const specopsPasswordReset: ProductModule = {
  id: SPR_PRODUCT_ID,
  title: "Specops Password Reset",
  seedFile: SPR_SEED_FILE,
  rules: SPR_RULES,
  components: SPR_COMPONENTS,
  verbs: SPR_VERBS,
  verifications: SPR_VERIFICATIONS,
  faults: SPR_FAULTS,
  seedInstalled,
  async applyFaults(lab) {
    registerClientInstaller(lab);
  },
  planUpgrade: (lab) => planUpgrade(lab),
  judgeFinal,
};
