import { z } from "zod";
import type { StoreEntry } from "../../certs/index.ts";
import type { VerbDef } from "../../product/index.ts";
import { pickCertificate } from "./certificate-choice.ts";
import { SPR_SERVER } from "./components.ts";
import { installedVersion, requireDirectory } from "./estate.ts";
import { installServer, samOf } from "./install-server.ts";
import { SERVER_SERVICE } from "./paths.ts";
import { serverPrerequisites, upgradePathReport } from "./prerequisites.ts";
import { ensureServerCertificate } from "./server-certificate.ts";
import { readServerConfig } from "./server-config.ts";
import { sprState } from "./spr-state.ts";
import { block, certificateChoiceSchema, raiseMisses, recordSetup, versionSchema } from "./verb-helpers.ts";
import { compareVersions, licenceAccepted, NEW_KEY_AT_OR_BELOW, SPR_LATEST } from "./versions.ts";

const args = z.strictObject({
  host: z.string().describe("the server that runs (or will run) the Specops Password Reset Server"),
  to: versionSchema.default(SPR_LATEST),
  serviceAccount: z
    .strictObject({ user: z.string().min(1).describe("DOMAIN\\user, user@domain or user"), password: z.string() })
    .describe("Select user: the account the service runs as (Log On As); every operation runs in its context"),
  managementLevel: z.string().min(1).describe("Select: the DN of the OU (or domain) where the AD permissions are created and licences are counted"),
  certificate: certificateChoiceSchema
    .optional()
    .describe("the self-signed certificate to use (by friendly name or thumbprint); omitted: at upgrade the one in the config file, at installation a new one"),
});
export type SetupServerArgs = z.infer<typeof args>;

/** Setup Assistant, "Server": install or upgrade the Specops Password Reset Server. */
export const setupServerVerb: VerbDef<SetupServerArgs> = {
  name: "setup-server",
  description: "Setup Assistant, Server: select the service account, the management level and the self-signed certificate, then Install (upgrades from 4.1 or later).",
  args,
  refs: (a) => ({ hosts: [a.host], components: [{ id: SPR_SERVER, version: a.to }] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const host = lab.host(a.host);
    const directory = requireDirectory(lab, "The Server setup");
    const current = installedVersion(host, SPR_SERVER);
    if (raiseMisses(ctx, upgradePathReport(current, SPR_SERVER, a.to), host, SPR_SERVER)) return;
    if (raiseMisses(ctx, serverPrerequisites(host), host, SPR_SERVER)) return;

    const logon = directory.authenticate(samOf(a.serviceAccount.user), a.serviceAccount.password);
    if (!logon.ok) return block(ctx, "spr.server.service-account.directory", host, SPR_SERVER, `The directory refused ${a.serviceAccount.user}: ${logon.error.message}`);
    ctx.checked("spr.server.service-account.directory");
    if (!directory.ou(a.managementLevel)) {
      return block(ctx, "spr.server.management-level", host, SPR_SERVER, `The management level ${a.managementLevel} does not exist in ${directory.dnsName}.`);
    }

    const config = readServerConfig(host.fs);
    let certificate: StoreEntry;
    if (a.certificate) {
      const pick = pickCertificate(host.certs, a.certificate);
      if (!pick.ok) return block(ctx, "spr.server.cert-friendly-name", host, SPR_SERVER, `The certificate cannot be selected: ${pick.detail}.`);
      certificate = pick.entry;
    } else if (config) {
      const entry = host.certs.store("LocalMachine", "My").get(config.certificateThumbprint);
      if (!entry?.privateKeyPem) return block(ctx, "spr.server.cert-friendly-name", host, SPR_SERVER, `The certificate of the config file (${config.certificateThumbprint}) is not in LocalMachine\\My with its key.`);
      certificate = entry;
    } else {
      certificate = await ensureServerCertificate(lab, host);
    }
    ctx.checked("spr.server.cert-friendly-name");

    if (config && config.certificateThumbprint !== certificate.certificate.thumbprint) {
      const e = host.record("spr-setup", "spr:setup.certificate-changed", { previous: config.certificateThumbprint, selected: certificate.certificate.thumbprint });
      ctx.raise({
        rule: "spr.server.cert-same",
        severity: "warning",
        host: host.name,
        component: SPR_SERVER,
        message: `Another certificate was selected (${certificate.certificate.thumbprint}) than the one in the config file (${config.certificateThumbprint}): Webs that pinned the old one will refuse the Server.`,
        evidence: [e.id],
      });
    } else ctx.checked("spr.server.cert-same");

    const licence = sprState(lab).central.licence;
    if (current !== undefined && compareVersions(current, NEW_KEY_AT_OR_BELOW) <= 0 && licence && !licenceAccepted(a.to, licence.generation)) {
      const e = host.record("spr-setup", "spr:setup.licence-key-old", { from: current, to: a.to, generation: licence.generation });
      ctx.raise({ rule: "spr.license.new-key", host: host.name, component: SPR_SERVER, evidence: [e.id] });
    } else ctx.checked("spr.license.new-key");

    installServer(lab, host, { version: a.to, serviceAccount: a.serviceAccount.user, password: a.serviceAccount.password, managementLevel: a.managementLevel, certificate });
    const service = host.services.get(SERVER_SERVICE);
    if (service?.state === "RUNNING") ctx.checked("spr.server.service-account");
    else {
      const e = host.record("spr-setup", "spr:setup.service-not-running", { service: SERVER_SERVICE, state: service?.state ?? "missing", error: service?.lastError?.error ?? null, reason: service?.lastError?.reason ?? null });
      ctx.raise({ rule: "spr.server.service-account", host: host.name, component: SPR_SERVER, message: `The Server service did not start: ${service?.lastError?.reason ?? service?.state ?? "missing"}.`, evidence: [e.id] });
    }
    ctx.checked("spr.setup.extract");
    recordSetup(ctx, host, SPR_SERVER, current, a.to);
  },
};
