import { z } from "zod";
import { DEFAULT_SITE } from "../../iis/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { VerbDef } from "../../product/index.ts";
import { pickCertificate } from "./certificate-choice.ts";
import { sprState } from "./spr-state.ts";
import { certificateChoiceSchema } from "./verb-helpers.ts";

const args = z.strictObject({
  host: z.string(),
  site: z.string().min(1).default(DEFAULT_SITE),
  certificate: certificateChoiceSchema,
  importFrom: z.string().optional().describe("import the certificate with its private key (a .pfx) from this host's LocalMachine\\My first"),
});
export type IisBindCertificateArgs = z.infer<typeof args>;

/** IIS Manager: Default website, Bindings, https, Edit, SSL certificate (after importing it, when it was not on the server). */
export const iisBindCertificateVerb: VerbDef<IisBindCertificateArgs> = {
  name: "iis-bind-certificate",
  description: "In IIS Manager: the site's Bindings, https, Edit, select the SSL certificate (optionally importing it with its key from another host first).",
  args,
  refs: (a) => ({ hosts: [a.host, ...(a.importFrom ? [a.importFrom] : [])] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const host = lab.host(a.host);
    if (a.importFrom) {
      const source = pickCertificate(lab.host(a.importFrom).certs, a.certificate);
      if (!source.ok) throw new LabError({ code: "SPR_CERT_NOT_FOUND", message: `iis-bind-certificate: on ${a.importFrom}, ${source.detail}` });
      host.certs.store("LocalMachine", "My").add({ ...source.entry });
      host.record("certs", "cert.imported", { thumbprint: source.entry.certificate.thumbprint, from: a.importFrom, store: "LocalMachine\\My" });
    }
    const pick = pickCertificate(host.certs, a.certificate);
    if (!pick.ok) throw new LabError({ code: "SPR_CERT_NOT_SELECTABLE", message: `IIS Manager on ${host.name} does not list the certificate: ${pick.detail}`, remedy: "Import the certificate with its private key into LocalMachine\\My first (importFrom)." });
    const iis = lab.iis(host.name);
    if (!iis?.site(a.site)) throw new LabError({ code: "SPR_SITE_UNKNOWN", message: `iis-bind-certificate: ${host.name} has no IIS site "${a.site}"` });
    const thumbprint = pick.entry.certificate.thumbprint;
    if (iis.site(a.site)!.bindings.some((b) => b.protocol === "https" && b.port === 443)) iis.setBindingCertificate(a.site, { protocol: "https", port: 443 }, thumbprint);
    else iis.addBinding(a.site, { protocol: "https", port: 443, certificateThumbprint: thumbprint });
    sprState(lab).unboundCertificates.delete(host.name);
    host.record("spr-web", "spr:web.certificate-bound", { site: a.site, thumbprint });
    ctx.checked("spr.dmz.cert-binding");
  },
};
