import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { configureSync, importLicense, installAdminTools } from "./admin-tools.ts";
import { findServerCertificate } from "./certificate-choice.ts";
import { installNotifier, loadNotifierAtBoot } from "./notifier.ts";
import { SHIPPED_PROVIDERS } from "./providers.ts";
import { ensureRuntime } from "./runtime.ts";
import { installSyncServer } from "./sync-server.ts";
import { TARGET_KINDS } from "./targets.ts";
import { requireVersion, SPS_ADMIN, SPS_PCN, SPS_SERVER } from "./versions.ts";

const licenseOption = z.union([z.boolean(), z.strictObject({ expiresInDays: z.number().positive() })]).optional();

const pcnOptions = z.strictObject({
  arch: z.enum(["x86", "x64"]).optional(),
  /** false: installed, but the DC was not restarted since (LSASS has not loaded it). */
  loaded: z.boolean().optional(),
});

const serverOptions = z.strictObject({
  /** Friendly name (or thumbprint) of the certificate in the server's LocalMachine\My. */
  certificate: z.string().optional(),
  providers: z.array(z.enum(TARGET_KINDS as [string, ...string[]])).optional(),
  license: licenseOption,
});

const adminOptions = z.strictObject({
  license: licenseOption,
  /** The configuration these tools made: a Sync Scope over `ou`, a Sync Point per target, a policy naming them. */
  policy: z
    .strictObject({
      ou: z.string().optional(),
      link: z.string().optional(),
      gpo: z.string().optional(),
      targets: z.array(z.string()).min(1),
    })
    .optional(),
});

/**
 * Puts a component on a host as an earlier setup left it: the notifier
 * installed and loaded (the DC restarted since, unless `loaded: false`), the
 * Sync Server with its certificate and providers and its service started,
 * the Administration Tools with the configuration they saved.
 */
export async function seedInstalled(lab: Lab, hostName: string, component: string, versionText: string, options: Record<string, unknown>): Promise<void> {
  const state = ensureRuntime(lab);
  const host = lab.host(hostName);
  const version = requireVersion(versionText);
  const parsed = <T>(schema: z.ZodType<T>): T => {
    // Every option is optional and none has a default, so no options parse to none; many seeds give none, and zod costs more than the check.
    if (isEmpty(options)) return {} as T;
    const result = schema.safeParse(options);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new LabError({ code: "SPS_SEED_OPTIONS", message: `${hostName}.installed.${component}${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}` });
    }
    return result.data;
  };
  switch (component) {
    case SPS_PCN: {
      const o = parsed(pcnOptions);
      const result = installNotifier(state, host, version, o.arch ?? host.arch, "seed");
      if (!result.ok) throw new LabError({ code: "SPS_SEED_FAILED", message: `${hostName}: ${result.message}` });
      if (o.loaded !== false) loadNotifierAtBoot(state, host, lab.clock.now());
      return;
    }
    case SPS_SERVER: {
      const o = parsed(serverOptions);
      const entry = findServerCertificate(host, o.certificate);
      if (!entry) {
        throw new LabError({
          code: "SPS_SEED_NO_CERTIFICATE",
          message: `${hostName}: the Sync Server needs a certificate with its private key in LocalMachine\\My${o.certificate ? ` named "${o.certificate}"` : ""}; add one under the host's certificates`,
        });
      }
      installSyncServer(lab, state, host, { version, certificateThumbprint: entry.certificate.thumbprint, providers: o.providers ?? [...SHIPPED_PROVIDERS] });
      lab.clock.advance(2_000);
      if (o.license) importLicense(lab, state, host, o.license === true ? undefined : o.license.expiresInDays);
      return;
    }
    case SPS_ADMIN: {
      const o = parsed(adminOptions);
      installAdminTools(host, version);
      if (o.policy) {
        configureSync(lab, state, host, version, {
          ...(o.policy.ou ? { ou: o.policy.ou } : {}),
          ...(o.policy.link ? { link: o.policy.link } : {}),
          ...(o.policy.gpo ? { gpo: o.policy.gpo } : {}),
          points: o.policy.targets.map((t) => {
            const target = state.targets.require(t);
            return { name: target.name, target: target.name, provider: target.kind };
          }),
        });
      }
      if (o.license) importLicense(lab, state, host, o.license === true ? undefined : o.license.expiresInDays);
      return;
    }
    default:
      throw new LabError({ code: "SPS_COMPONENT_UNKNOWN", message: `Specops Password Sync has no component "${component}"; it has ${[SPS_PCN, SPS_SERVER, SPS_ADMIN].join(", ")}` });
  }
}

function isEmpty(options: Record<string, unknown>): boolean {
  for (const _ in options) return false;
  return true;
}
