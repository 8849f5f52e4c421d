import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { VerbDef } from "../../product/index.ts";
import { ensureRuntime } from "./runtime.ts";
import { serverFqdn, SYNC_CONFIG } from "./sync-server.ts";

const renewArgs = z.strictObject({
  host: z.string(),
  validDays: z.number().positive().optional(),
  /** Friendly name of the new certificate. */
  name: z.string().optional(),
  /**
   * Keep the selected certificate while it is valid ("update the certificate
   * once it expires"): what `lab plan` asks, so that running its plan again
   * renews nothing. Without it the operator renews whatever the expiry.
   */
  ifExpired: z.boolean().optional(),
});

/** `renew-cert`: a new self-signed certificate for the Sync Server, selected in its setup (the old one is not renewed by itself). */
export const renewCertVerb: VerbDef<z.infer<typeof renewArgs>> = {
  name: "renew-cert",
  description: "Creates a new self-signed certificate for the Sync Server (LocalMachine\\My) and selects it, as re-running the Sync Server setup and clicking Select does (with ifExpired, only when the selected one has expired or is gone). The DCs must then trust the new one (import-cert).",
  args: renewArgs,
  refs: (a) => ({ hosts: [a.host] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    const host = lab.host(a.host);
    const server = state.servers.get(host.name.toUpperCase());
    if (!server) throw new LabError({ code: "SPS_NO_SYNC_SERVER", message: `${a.host} has no Sync Server` });
    const selected = host.certs.store("LocalMachine", "My").get(server.certificateThumbprint)?.certificate;
    if (a.ifExpired && selected && selected.notAfter.getTime() > lab.clock.date().getTime()) {
      host.record("sps-server", "sync-server.certificate-kept", { thumbprint: selected.thumbprint, notAfter: selected.notAfter.toISOString() });
      ctx.checked("sps.sync.cert-expiry");
      return;
    }
    const fqdn = serverFqdn(host);
    const notBefore = new Date(lab.clock.date().getTime() - 60_000);
    const made = await lab.certificates.selfSigned({ subject: `CN=${fqdn}`, dnsNames: [fqdn], notBefore, notAfter: new Date(notBefore.getTime() + (a.validDays ?? 365) * 86_400_000) });
    host.certs.store("LocalMachine", "My").add({ certificate: made.certificate, privateKeyPem: made.privateKeyPem, friendlyName: a.name ?? `${fqdn} (renewed)` });
    server.certificateThumbprint = made.certificate.thumbprint;
    const config = host.fs.readText(SYNC_CONFIG);
    if (config) host.fs.writeFile(SYNC_CONFIG, config.replace(/certificateThumbprint="[0-9A-F]*"/, `certificateThumbprint="${made.certificate.thumbprint}"`));
    host.record("sps-server", "sync-server.certificate-selected", { thumbprint: made.certificate.thumbprint, notAfter: made.certificate.notAfter.toISOString(), selfSigned: true });
    ctx.checked("sps.sync.cert-expiry");
  },
};
