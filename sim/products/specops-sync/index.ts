// Specops Password Sync (issue 8): the notifier loaded per DC, TLS trust from
// the DC's stores, the Sync Server's queue and providers, msw-faked targets.
export { specopsSync } from "./product.ts";
export { SPS_PRODUCT_ID, SPS_RULES, SPS_SEED_FILE, spsRule } from "./rules.ts";
export {
  SPS_ADMIN, SPS_COMPONENTS, SPS_COMPONENT_NAMES, SPS_LATEST, SPS_MIN_UPGRADE_FROM, SPS_ORDER, SPS_PCN, SPS_SERVER, SPS_VERSIONS,
  compareVersions, fileVersionOf, isSpsComponent, isSpsVersion, pcnMsiName, pcnMsiPath, policyFormatOf, productCodeOf, protocolOf, serverAccepts, setupFolder,
} from "./versions.ts";
export { checkPrerequisites, unmetPrerequisites } from "./prerequisites.ts";
export { CapacityModel, CHANGES_PER_HOUR_PER_SERVER, LATE_AFTER_MS, SYNC_SERVICE_MS } from "./capacity.ts";
export { DEFAULT_TARGETS, TARGET_KINDS, TargetSystems, passwordDigest } from "./targets.ts";
export { PROVIDER_LATENCY_MS, PROVIDER_TIMEOUT_MS, SHIPPED_PROVIDERS, callProvider } from "./providers.ts";
export { LSA_KEY, LSA_VALUE, PCN_PACKAGE, installNotifier, installedNotifier, loadNotifierAtBoot, uninstallNotifier } from "./notifier.ts";
export { SYNC_PORT, SYNC_SERVICE, installSyncServer, serverFqdn, uninstallSyncServer } from "./sync-server.ts";
export { POLICY_KEY, resolveUserPolicy } from "./policy.ts";
export { ensureRuntime, PCN_MSI_PATTERN } from "./runtime.ts";
export { spsState } from "./sps-state.ts";
export { propagateChange } from "./sync-path.ts";
export { changeUserPassword } from "./password-change.ts";
export { diagnose } from "./diagnose.ts";
export { SPS_VERIFICATIONS } from "./verifications.ts";
export { judgeFinal } from "./judge-final.ts";
export { planUpgrade } from "./plan-upgrade.ts";
export { seedInstalled } from "./seed-installed.ts";
export { SPS_FAULTS } from "./faults.ts";

export type { SpsComponent, SpsVersion } from "./versions.ts";
export type { PrereqHostView, PrereqOperator, PrereqResult } from "./prerequisites.ts";
export type { LoadPeriod, QueueSlot } from "./capacity.ts";
export type { ReceivedPassword, TargetDefinition, TargetKind, TargetMode } from "./targets.ts";
export type { ProviderOutcome } from "./providers.ts";
export type { PcnInstallResult, PcnInstallVia } from "./notifier.ts";
export type { SyncRequest, SyncResponse, SyncServerInstall } from "./sync-server.ts";
export type { PolicyStore, SyncPoint, SyncScope, UserPolicy } from "./policy.ts";
export type { LicenseState, LoadedNotifier, NotifierRuntime, SpsState, SyncServerRuntime } from "./sps-state.ts";
export type { ChangeRecord, LossCause, PathHop, ServerAttempt, TargetFailure, TargetOutcome } from "./change-record.ts";
export type { ChangeNotice } from "./sync-path.ts";
export type { PasswordChange } from "./password-change.ts";
export type { UpgradeBlocker, UpgradePlan, UpgradeStep } from "./plan-upgrade.ts";
