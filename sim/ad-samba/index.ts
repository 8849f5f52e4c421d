/**
 * A real directory behind the lab's DirectoryService: a throwaway Samba AD DC
 * (Debian's samba and samba-ad-dc, or the same packages in a container
 * through testcontainers), spoken to over LDAPS with ldapts, and the parity
 * harness that runs the same operations against it and the in-memory
 * directory.
 */
export { SambaDirectoryService } from "./samba-directory-service.ts";
export type { SambaDirectoryServiceOptions } from "./samba-directory-service.ts";
export { CredentialVault } from "./credential-vault.ts";

export { chooseSambaBackend, preferenceFromEnv, startSambaDc } from "./samba-backend.ts";
export type { ChooseSambaBackendOptions, SambaBackendChoice, SambaBackendPreference } from "./samba-backend.ts";
export type { SambaDc } from "./samba-dc.ts";
export { DEFAULT_SAMBA_DOMAIN, domainDnOf, endpointOf } from "./samba-domain.ts";
export type { SambaDcEndpoint, SambaDomainOptions } from "./samba-domain.ts";
export { startLocalSambaDc } from "./local-samba-dc.ts";
export type { LocalSambaDcOptions } from "./local-samba-dc.ts";
export { startContainerSambaDc } from "./container-samba-dc.ts";
export { detectContainerRuntime } from "./container-runtime.ts";
export type { ContainerRuntimeStatus } from "./container-runtime.ts";
export { SAMBA_EXTRA_DIRS, findSambaTools } from "./samba-tools.ts";
export type { SambaTools, SambaToolsLookup } from "./samba-tools.ts";
export { DC_HOST_NAME, postProvisionSettings, provisionArgs, withGlobalSettings } from "./provision-args.ts";

export type { AdminUserSpec, DirectoryAdmin } from "./directory-admin.ts";
export { InMemoryDirectoryAdmin } from "./in-memory-directory-admin.ts";
export { SambaDirectoryAdmin } from "./samba-directory-admin.ts";

export { directoryErrorFromLdap, ldapFailureOf } from "./directory-error-from-ldap.ts";
export type { LdapFailure } from "./directory-error-from-ldap.ts";
export { delegationAces } from "./delegation-aces.ts";
export { NEVER_INTERVAL, fileTimeToMs, intervalToMs, msToInterval } from "./ad-time.ts";
export { sidToString } from "./sid.ts";
export { escapeFilterValue } from "./ldap-filter.ts";
export { groupFilter, userLookup } from "./account-filter.ts";
export type { UserLookup } from "./account-filter.ts";

export { ParityHarness } from "./parity-harness.ts";
export { runParityCase, labelOf } from "./parity-runner.ts";
export type { ParityCaseReport, ParitySide, ParityStepRecord } from "./parity-runner.ts";
export type { ParityCase, ParityOu, ParitySetup, ParityStep, ParityUser, ScriptedStep } from "./parity-case.ts";
export { ParityNames } from "./parity-names.ts";
export { STAGE_ACTORS, STAGE_GROUPS, STAGE_OUS, STAGE_PASSWORD, buildStage } from "./parity-stage.ts";
export type { StageDns } from "./parity-stage.ts";
export { describeOutcome, describeUserState, outcomesAgree } from "./parity-outcome.ts";
export type { StepOutcome } from "./parity-outcome.ts";
export { EXPIRY_CASE_DURATION_MS, EXPIRY_MARGIN_MS, PARITY_CASES } from "./parity-cases.ts";
export { PASSWORD_POOL, RANDOM_EXPIRY_DURATION_MS, randomParityCase } from "./parity-arbitrary.ts";
export type { RandomParityOptions } from "./parity-arbitrary.ts";
export { formatParityTable, parityProblems, tallyParity } from "./parity-table.ts";
export type { ParityTally } from "./parity-table.ts";

export { BlockingSambaDirectory } from "./blocking-samba-directory.ts";
