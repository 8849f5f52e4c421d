/**
 * The shape of a lab as a scenario describes it (`lab:`). Plain types: the
 * scenario layer validates YAML into this with zod; the Lab builds from it.
 */

export const OS_IDS = [
  "windows-server-2003",
  "windows-server-2003-r2",
  "windows-server-2008",
  "windows-server-2008-r2",
  "windows-server-2012",
  "windows-server-2012-r2",
  "windows-server-2016",
  "windows-server-2019",
  "windows-server-2022",
  "windows-xp",
  "windows-vista",
  "windows-7",
  "windows-8.1",
  "windows-10",
  "windows-11",
] as const;
export type OsId = (typeof OS_IDS)[number];

export const ZONES = ["internal", "dmz", "external"] as const;
export type Zone = (typeof ZONES)[number];

/** Windows features and frameworks a host can have (see sim/host's feature table). */
export const FEATURE_IDS = [
  "iis",
  "dotnet-3.5",
  "dotnet-3.5-sp1",
  "dotnet-4.0",
  "dotnet-4.8",
  "wif",
  "gpmc",
  "aduc",
  "adcs",
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export interface PasswordPolicySpec {
  minLength?: number;
  complexity?: boolean;
  historyCount?: number;
  minAgeDays?: number;
  maxAgeDays?: number;
}

export interface LockoutPolicySpec {
  threshold?: number;
  durationMinutes?: number;
  observationMinutes?: number;
}

export interface DomainSpec {
  /** DNS name, e.g. corp.example */
  name: string;
  netbios?: string;
  /** Domain controllers the lab adds (DC01..DCn) when `hosts` names fewer. */
  dcs?: number;
  /** Generated population size (faker, seeded from the lab rng). */
  users?: number;
  passwordPolicy?: PasswordPolicySpec;
  lockoutPolicy?: LockoutPolicySpec;
  /** Named users the scenario refers to (operators, test users, service accounts). */
  accounts?: AccountSpec[];
  ous?: string[];
}

export interface AccountSpec {
  name: string;
  password: string;
  ou?: string;
  groups?: string[];
  disabled?: boolean;
  mobile?: string;
  email?: string;
}

export type HostRole = "dc" | "rodc" | "member" | "workstation" | "standalone";

export interface CertificateSpec {
  /** Name the scenario uses to refer to it (also the default friendly name). */
  name: string;
  subject?: string;
  dnsNames?: string[];
  /** "self" for self-signed, or the name of a certificate authority of `lab.authorities`. */
  issuer?: string;
  friendlyName?: string;
  /** Days relative to lab start; negative = in the past. */
  validFromDays?: number;
  validDays?: number;
  /** Hosts (or "domain" = every joined host, "all") whose LocalMachine\Root trusts a self-signed one. */
  trustedBy?: string[];
}

export interface AuthoritySpec {
  name: string;
  subject?: string;
  /** An enterprise CA (AD CS) is trusted by every joined host; a standalone one only where imported. */
  enterprise?: boolean;
  trustedBy?: string[];
  validDays?: number;
}

export interface ShareSpec {
  name: string;
  path: string;
  /** Who may read: "everyone", "domain-computers", or account names. */
  readers?: string[];
}

export interface HostSpec {
  name: string;
  os: OsId;
  arch?: "x64" | "x86";
  zone?: Zone;
  ip?: string;
  joined?: boolean;
  role?: HostRole;
  features?: FeatureId[];
  /** Internet Explorer major version; defaults to what the OS shipped. */
  ie?: number;
  ramFreeMb?: number;
  diskFreeMb?: number;
  firewall?: { enabled?: boolean };
  /** Product components already installed: component id -> version (or options). */
  installed?: Record<string, string | { version: string; [option: string]: unknown }>;
  certificates?: CertificateSpec[];
  shares?: ShareSpec[];
}

export interface PerimeterRuleSpec {
  name: string;
  action: "allow" | "deny";
  protocol: "udp" | "tcp" | "any";
  from: string;
  to: string;
  port?: number | [number, number];
  /** Source port constraint, for reply rules ("from port 5100"). */
  sourcePort?: number | [number, number];
}

export interface NetworkSpec {
  rules?: PerimeterRuleSpec[];
  /** Extra name records: name -> host, e.g. a DMZ web in the internal DNS. */
  records?: { name: string; host: string }[];
}

export interface LabSpec {
  domain?: DomainSpec;
  authorities?: AuthoritySpec[];
  hosts: HostSpec[];
  network?: NetworkSpec;
}
