// Specops Password Reset (seeds/000_c4522aeef9f903bf.txt): rules, components,
// the Setup Assistant as plan verbs, the runtime (Server, Web, Client) and
// the upgrade planner. The scenario layer sees `specopsPasswordReset`.
export { specopsPasswordReset, SPR_VERBS } from "./specops-reset.ts";
export { SPR_RULES, SPR_PRODUCT_ID, SPR_SEED_FILE, sprRule, LATEST_INFERENCE, CHANNEL_INFERENCE } from "./rules.ts";
export { SPR_SERVER, SPR_WEB, SPR_ADMIN, SPR_CLIENT, SPR_COMPONENT_IDS, SPR_COMPONENTS, componentName, isSprComponent } from "./components.ts";
export {
  SPR_VERSIONS, SPR_LATEST, LATEST_IS_LAB_CHOICE, MIN_UPGRADE_FROM, NEW_KEY_AT_OR_BELOW, OLD_ADMX_AT_OR_BELOW,
  compareVersions, isSprVersion, requireSprVersion, fileVersionOf, licenceGenerationFor, licenceAccepted,
} from "./versions.ts";
export { planUpgrade } from "./plan-upgrade.ts";
export { SPR_VERIFICATIONS } from "./verifications.ts";
export { SPR_FAULTS } from "./faults.ts";
export { seedInstalled, SEED_OPTIONS, SERVICE_PASSWORD_FAULT } from "./seed-installed.ts";
export { judgeFinal } from "./judge-final.ts";
export { serverPrerequisites, webPrerequisites, adminPrerequisites, clientPrerequisites, upgradePathReport } from "./prerequisites.ts";
export { orderBreaches } from "./order-rules.ts";
export { checkPin, callPinned, channelServerHandler, fetchServerCertificate } from "./pinned-channel.ts";
export { pickCertificate } from "./certificate-choice.ts";
export { handleServerOp } from "./reset-server.ts";
export { dfsTargetFor, underTarget } from "./dfs-referral.ts";
export { installClientMsi, registerClientInstaller, CLIENT_MSI_PATTERN } from "./client-install.ts";
export { readServerConfig, writeServerConfig } from "./server-config.ts";
export { readWebConfig, writeWebConfig } from "./web-config.ts";
export { renderAppSettings, parseAppSettings } from "./app-settings.ts";
export * as SPR_PATHS from "./paths.ts";
export type { SprVersion, LicenceGeneration } from "./versions.ts";
export type { SprComponent } from "./components.ts";
export type { UpgradePlan, PlanBlocker, PlannedStep } from "./plan-upgrade.ts";
export type { PrereqHost, PrereqMiss, PrereqReport } from "./prerequisites.ts";
export type { Placed, OrderBreach } from "./order-rules.ts";
export type { PinVerdict, ChannelResult, ChannelFailureStage, ChannelClientDeps, ChannelServerDeps } from "./pinned-channel.ts";
export type { CertificateChoice, CertificatePick } from "./certificate-choice.ts";
export type { ServerContext } from "./reset-server.ts";
export type { ServerOp, ServerReply, ServerRefusal } from "./server-ops.ts";
export type { ServerDirectory, DirectoryOutcome } from "./server-directory.ts";
export type { ServerConfig, ConfigFiles } from "./server-config.ts";
export type { WebConfig } from "./web-config.ts";
export type { CentralConfig, Licence, Enrollment } from "./central-config.ts";
export type { SetupServerArgs } from "./setup-server-verb.ts";
export type { SetupWebArgs } from "./setup-web-verb.ts";
export type { SetupAdminArgs } from "./setup-admin-verb.ts";
export type { SetupClientGpsiArgs } from "./setup-client-gpsi-verb.ts";
export type { CopyMsiArgs } from "./copy-msi-verb.ts";
export type { LicenceArgs } from "./licence-verb.ts";
export type { MigrateAdmxArgs } from "./migrate-admx-verb.ts";
export type { MobileAppArgs } from "./mobile-app-verb.ts";
export type { PasswordPolicyArgs } from "./password-policy-verb.ts";
export type { IisBindCertificateArgs } from "./iis-bind-certificate-verb.ts";
export type { BrandingArgs } from "./branding-verb.ts";
export type { RestartComputersArgs } from "./restart-computers-verb.ts";
