import { z } from "zod";
import { FEATURE_IDS, OS_IDS, ZONES, type LabSpec } from "../lab-spec.ts";

/** Versions are text; the error says to quote them when YAML read a number. */
export const versionSchema = z.string().min(1);

const installedSchema = z.union([versionSchema, z.looseObject({ version: versionSchema })]);

const certificateSchema = z.strictObject({
  name: z.string().min(1),
  subject: z.string().optional(),
  dnsNames: z.array(z.string()).optional(),
  issuer: z.string().optional(),
  friendlyName: z.string().optional(),
  validFromDays: z.number().optional(),
  validDays: z.number().optional(),
  trustedBy: z.array(z.string()).optional(),
});

const shareSchema = z.strictObject({
  name: z.string().min(1),
  path: z.string().min(1),
  readers: z.array(z.string()).optional(),
});

const hostSchema = z.strictObject({
  name: z.string().min(1).max(15).describe("NetBIOS-style host name (at most 15 characters)"),
  os: z.enum(OS_IDS),
  arch: z.enum(["x64", "x86"]).optional(),
  zone: z.enum(ZONES).optional(),
  ip: z.string().optional(),
  joined: z.boolean().optional(),
  role: z.enum(["dc", "rodc", "member", "workstation", "standalone"]).optional(),
  features: z.array(z.enum(FEATURE_IDS)).optional(),
  ie: z.number().int().optional(),
  ramFreeMb: z.number().nonnegative().optional(),
  diskFreeMb: z.number().nonnegative().optional(),
  firewall: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  installed: z.record(z.string(), installedSchema).optional().describe("component id -> version (or { version, ...options })"),
  certificates: z.array(certificateSchema).optional(),
  shares: z.array(shareSchema).optional(),
});

const portSchema = z.union([z.number().int().min(0).max(65535), z.tuple([z.number().int().min(0).max(65535), z.number().int().min(0).max(65535)])]);

const accountSchema = z.strictObject({
  name: z.string().min(1),
  password: z.string(),
  ou: z.string().optional(),
  groups: z.array(z.string()).optional(),
  disabled: z.boolean().optional(),
  mobile: z.string().optional(),
  email: z.string().optional(),
});

const domainSchema = z.strictObject({
  name: z.string().min(1),
  netbios: z.string().optional(),
  dcs: z.number().int().min(1).max(16).optional().describe("domain controllers the lab adds (DC01..DCn) when hosts names fewer"),
  users: z.number().int().nonnegative().optional(),
  passwordPolicy: z
    .strictObject({
      minLength: z.number().int().nonnegative().optional(),
      complexity: z.boolean().optional(),
      historyCount: z.number().int().nonnegative().optional(),
      minAgeDays: z.number().nonnegative().optional(),
      maxAgeDays: z.number().nonnegative().optional(),
    })
    .optional(),
  lockoutPolicy: z
    .strictObject({
      threshold: z.number().int().nonnegative().optional(),
      durationMinutes: z.number().nonnegative().optional(),
      observationMinutes: z.number().nonnegative().optional(),
    })
    .optional(),
  accounts: z.array(accountSchema).optional(),
  ous: z.array(z.string()).optional(),
});

const authoritySchema = z.strictObject({
  name: z.string().min(1),
  subject: z.string().optional(),
  enterprise: z.boolean().optional(),
  trustedBy: z.array(z.string()).optional(),
  validDays: z.number().optional(),
});

const perimeterRuleSchema = z.strictObject({
  name: z.string().min(1),
  action: z.enum(["allow", "deny"]),
  protocol: z.enum(["udp", "tcp", "any"]),
  from: z.string().min(1),
  to: z.string().min(1),
  port: portSchema.optional(),
  sourcePort: portSchema.optional(),
});

/** `lab:` of a scenario; its output is exactly sim/lab-spec.ts's LabSpec. */
export const labSpecSchema: z.ZodType<LabSpec> = z.strictObject({
  domain: domainSchema.optional(),
  authorities: z.array(authoritySchema).optional(),
  hosts: z.array(hostSchema).min(1, "a lab needs at least one host"),
  network: z
    .strictObject({
      rules: z.array(perimeterRuleSchema).optional(),
      records: z.array(z.strictObject({ name: z.string().min(1), host: z.string().min(1) })).optional(),
    })
    .optional(),
});
