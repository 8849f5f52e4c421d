/**
 * Active Directory, in memory: a domain with its DCs, OUs, users, groups,
 * computer accounts, delegation, Group Policy and service connection points,
 * with AD's password, lockout and permission semantics on the lab clock.
 *
 * Credentials: passwords are stored only as salted SHA-256 hashes (salt from
 * the lab rng), history as the same hashes. A populated domain shares one
 * salted hash of its optional initial password until each user's first set
 * (100,000 hashes at build time would cost more than the rest of the build);
 * without one, users hold "a password nobody knows" (no hash at all) and
 * every logon fails with 52e until someone resets it.
 */
export { Directory } from "./directory.ts";
export type { DirectoryOptions, PopulationOptions, PopulationSummary, UserSpec } from "./directory.ts";

export { InMemoryDirectoryService } from "./directory-service.ts";
export type { DirectoryService } from "./directory-service.ts";

// AD's failures, for a backend (Samba) that must answer in the same terms.
export {
  LDAP_CONSTRAINT_VIOLATION,
  LDAP_INSUFFICIENT_ACCESS,
  LDAP_INVALID_CREDENTIALS,
  LDAP_NO_SUCH_OBJECT,
  accountDisabled,
  bindError,
  changeWhileLockedOut,
  insufficientRights,
  invalidCredentials,
  lockedOut,
  mustChangePassword,
  noSuchObject,
  passwordExpired,
  policyViolation,
  wrongOldPassword,
} from "./directory-error.ts";
export type { DirectoryError, DirectoryErrorCode, DirectoryResult, PasswordRejectReason } from "./directory-error.ts";

export { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from "./policies.ts";
export type { LockoutPolicy, PasswordPolicy } from "./policies.ts";

export { checkComplexity, characterCategories } from "./password-complexity.ts";
export type { CharacterCategory, ComplexityVerdict } from "./password-complexity.ts";

export { DELEGATED_RIGHTS, PROTECTED_GROUPS } from "./access-control.ts";
export type { DelegatedRight, EffectiveRights } from "./access-control.ts";

export { DEFAULT_DC_POLICY_GUID, DEFAULT_DOMAIN_POLICY_GUID } from "./group-policy.ts";
export type { AdminTemplateSetting, DeploymentType, GpoLinkView, GpoView, PackageArch, SettingScope, SoftwarePackage } from "./group-policy.ts";

export type { InstallDecision, ShareFileResolver, SoftwareAssignment } from "./software-installation.ts";

export { serviceLogonProvider } from "./service-logon.ts";
export type { ServiceLogonProvider } from "./service-logon.ts";

export type { ScpSpec } from "./scp-store.ts";

export { DEFAULT_DEPARTMENTS } from "./population.ts";

export { parseAccountName } from "./account-name.ts";
export type { ParsedAccountName } from "./account-name.ts";

export { dnKey, domainDnFromDns, escapeDnValue, isUnderDn, parentDn, parseDn } from "./distinguished-name.ts";
export type { Rdn } from "./distinguished-name.ts";

export type { ContainerKind, DcRole, GroupScope } from "./entries.ts";
export type { ComputerView, ContainerView, DomainControllerView, GroupView, ScpView, UserView } from "./views.ts";
