import { z } from "zod";
import { certificateCoversName, type StoreEntry } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import { DEFAULT_SITE } from "../../iis/index.ts";
import type { StepContext, VerbDef } from "../../product/index.ts";
import { pickCertificate } from "./certificate-choice.ts";
import { SPR_WEB } from "./components.ts";
import { ensureIis, installedVersion } from "./estate.ts";
import { installWeb } from "./install-web.ts";
import { fetchServerCertificate } from "./pinned-channel.ts";
import { upgradePathReport, webPrerequisites } from "./prerequisites.ts";
import { sprState } from "./spr-state.ts";
import { block, certificateChoiceSchema, checkOrder, raiseMisses, recordSetup, versionSchema } from "./verb-helpers.ts";
import { SPR_LATEST } from "./versions.ts";
import { readWebConfig } from "./web-config.ts";

const args = z.strictObject({
  host: z.string().describe("the IIS server that presents the Web (internal, or in the DMZ)"),
  to: versionSchema.default(SPR_LATEST),
  resetServer: z.string().min(1).describe("Select: the name of your Reset Server"),
  site: z.string().min(1).default(DEFAULT_SITE).describe("Select: the IIS website, when there is more than one"),
  names: z.array(z.string().min(1)).min(1).optional().describe("the names the web application is presented as (its URLs); default: the host's DNS name, or today's names at upgrade"),
  updateScp: z.boolean().optional().describe("\"Update the Service Connection Point information during installation\" (checked by default; not shown on a host outside the domain)"),
  sslCertificate: certificateChoiceSchema.optional().describe("Select: the certificate for SSL; omitted at upgrade: the binding keeps its certificate"),
  mobile: z.boolean().optional().describe("install the mobile component in the Web Setup Wizard (default: as today, or no)"),
  configureIis: z.boolean().default(false).describe("click Configure in the prerequisites section (installs and configures IIS)"),
});
export type SetupWebArgs = z.infer<typeof args>;

/** Setup Assistant, "Web": install or upgrade the Specops Password Reset Web (internal or in the DMZ). */
export const setupWebVerb: VerbDef<SetupWebArgs> = {
  name: "setup-web",
  description: "Setup Assistant, Web: configure IIS, select the Reset Server, the website, the SCP option and the SSL certificate, then Install (and the mobile component).",
  args,
  refs: (a) => ({ hosts: [a.host], components: [{ id: SPR_WEB, version: a.to }] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const host = lab.host(a.host);
    const current = installedVersion(host, SPR_WEB);
    if (raiseMisses(ctx, upgradePathReport(current, SPR_WEB, a.to), host, SPR_WEB)) return;
    if (raiseMisses(ctx, webPrerequisites(host, { configureIis: a.configureIis }), host, SPR_WEB)) return;
    if (!host.hasFeature("iis") || !lab.iis(host.name)) {
      ensureIis(lab, host);
      const e = host.record("spr-setup", "spr:setup.iis-configured", {});
      ctx.raise({ rule: "spr.web.iis-configure", host: host.name, component: SPR_WEB, evidence: [e.id] });
    } else ctx.checked("spr.web.iis-configure");
    const iis = ensureIis(lab, host);
    if (!iis.site(a.site)) {
      return block(ctx, "spr.web.site", host, SPR_WEB, `There is no website "${a.site}" on ${host.name}; it has: ${iis.sites().map((s) => s.name).join(", ")}.`);
    }
    ctx.checked("spr.web.site");

    // "Click Select and enter the name of your Reset Server": the setup contacts it.
    const server = await lab.network.run(fetchServerCertificate({ transport: lab.network, trace: lab.trace, fromHost: host.name }, a.resetServer));
    if (!server.ok) {
      return block(ctx, "spr.web.server-name", host, SPR_WEB, `The Reset Server "${a.resetServer}" cannot be selected from ${host.name}: ${server.detail}.`, server.evidence);
    }
    ctx.checked("spr.web.server-name");
    const previous = readWebConfig(host.fs);
    // An upgrade keeps the Web's configuration, its pin included (lab inference, see spr.server.cert-same).
    const pinned = previous?.pinnedThumbprint || server.certificate.thumbprint;

    const publishScp = scpChoice(ctx, host, a.updateScp);
    const names = a.names ?? previous?.names ?? [defaultName(host)];
    const ssl = sslChoice(ctx, host, a);
    checkNames(ctx, host, ssl ?? boundCertificate(ctx, host, a.site), names);
    checkOrder(ctx, host, SPR_WEB, a.to);

    installWeb(lab, host, { version: a.to, resetServer: a.resetServer, site: a.site, names, sslCertificate: ssl, mobile: a.mobile ?? previous?.mobile ?? false, publishScp, pinned });
    ctx.checked("spr.web.ssl-cert");
    ctx.checked("spr.web.mobile");
    ctx.checked("spr.web.scp");
    recordSetup(ctx, host, SPR_WEB, current, a.to);
  },
};

function defaultName(host: Host): string {
  return host.domain ? `${host.name.toLowerCase()}.${host.domain}` : host.name.toLowerCase();
}

/** The SCP checkbox: checked by default; not shown at all on a host outside the domain. */
function scpChoice(ctx: StepContext, host: Host, asked: boolean | undefined): boolean {
  if (!host.joined) {
    if (asked === true) {
      const e = host.record("spr-setup", "spr:setup.scp-option-hidden", { joined: false });
      ctx.raise({ rule: "spr.dmz.scp-hidden", host: host.name, component: SPR_WEB, evidence: [e.id] });
    } else ctx.checked("spr.dmz.scp-hidden");
    return false;
  }
  const publish = asked ?? true;
  if (host.zone === "dmz") {
    if (publish) {
      const e = host.record("spr-setup", "spr:setup.scp-from-dmz", { joined: true });
      ctx.raise({ rule: "spr.dmz.no-scp", severity: "warning", host: host.name, component: SPR_WEB, message: "The DMZ web's setup was left to update the Service Connection Point: internal clients will be sent to the DMZ web.", evidence: [e.id] });
    } else ctx.checked("spr.dmz.no-scp");
  }
  return publish;
}

/** A certificate the assistant cannot list is not an error: the setup goes on, and it is bound in IIS Manager afterwards. */
function sslChoice(ctx: StepContext, host: Host, a: SetupWebArgs): StoreEntry | undefined {
  if (!a.sslCertificate) return undefined;
  const pick = pickCertificate(host.certs, a.sslCertificate);
  const unbound = sprState(ctx.lab).unboundCertificates;
  if (pick.ok) {
    unbound.delete(host.name);
    return pick.entry;
  }
  unbound.set(host.name, a.sslCertificate.friendlyName ?? a.sslCertificate.thumbprint ?? "");
  const e = host.record("spr-setup", "spr:setup.certificate-not-selectable", { reason: pick.reason, detail: pick.detail });
  ctx.raise({
    rule: host.zone === "dmz" ? "spr.dmz.cert-binding" : "spr.web.ssl-cert",
    severity: "warning",
    host: host.name,
    component: SPR_WEB,
    message: `The SSL certificate cannot be selected in the Setup Assistant (${pick.detail}); it must be bound in IIS Manager.`,
    evidence: [e.id],
  });
  return undefined;
}

function boundCertificate(ctx: StepContext, host: Host, site: string): StoreEntry | undefined {
  const thumbprint = ctx.lab.iis(host.name)?.site(site)?.bindings.find((b) => b.protocol === "https")?.certificateThumbprint;
  return thumbprint ? host.certs.store("LocalMachine", "My").get(thumbprint) : undefined;
}

/** The requirement "trusted SSL certificate for all names the web application will be presented as", as far as the server can tell. */
function checkNames(ctx: StepContext, host: Host, entry: StoreEntry | undefined, names: readonly string[]): void {
  if (!entry) return;
  const uncovered = names.filter((n) => !certificateCoversName(entry.certificate, n));
  if (uncovered.length === 0) return ctx.checked("spr.req.web.trusted-cert.names");
  const e = host.record("spr-setup", "spr:setup.certificate-names", { thumbprint: entry.certificate.thumbprint, uncovered });
  ctx.raise({
    rule: "spr.req.web.trusted-cert.names",
    severity: "warning",
    host: host.name,
    component: SPR_WEB,
    message: `The SSL certificate ${entry.certificate.thumbprint} does not cover ${uncovered.join(", ")}: browsers using that name will refuse it.`,
    evidence: [e.id],
  });
}
