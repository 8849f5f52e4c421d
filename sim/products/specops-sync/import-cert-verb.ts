import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { VerbDef } from "../../product/index.ts";
import { ensureRuntime } from "./runtime.ts";

const importArgs = z.strictObject({
  /** The Sync Server whose selected certificate is exported. */
  from: z.string(),
  /** Hosts whose LocalMachine\Root receives it (every domain controller by default). */
  to: z.array(z.string()).min(1).optional(),
});

/** `import-cert`: the manual step for a self-signed certificate, into Trusted Root Certification Authorities of the DCs. */
export const importCertVerb: VerbDef<z.infer<typeof importArgs>> = {
  name: "import-cert",
  description: "Exports the Sync Server's selected certificate (public part) and imports it into LocalMachine\\Root on every domain controller (or the hosts named).",
  args: importArgs,
  refs: (a) => ({ hosts: [a.from, ...(a.to ?? [])] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    const server = state.servers.get(lab.host(a.from).name.toUpperCase());
    if (!server) throw new LabError({ code: "SPS_NO_SYNC_SERVER", message: `${a.from} has no Sync Server whose certificate could be exported` });
    const entry = lab.host(server.host).certs.store("LocalMachine", "My").get(server.certificateThumbprint);
    if (!entry) throw new LabError({ code: "SPS_NO_CERTIFICATE", message: `the certificate ${server.certificateThumbprint} selected on ${server.host} is not in its store` });
    const hosts = a.to ? a.to.map((h) => lab.host(h)) : lab.hosts().filter((h) => h.isDomainController);
    for (const host of hosts) {
      // As on Windows, importing a certificate the store already holds changes nothing.
      const root = host.certs.store("LocalMachine", "Root");
      const already = root.has(entry.certificate.thumbprint);
      if (!already) root.add({ certificate: entry.certificate });
      host.record("certs", "cert.imported", { store: "LocalMachine\\Root", thumbprint: entry.certificate.thumbprint, subject: entry.certificate.subject, from: server.host, alreadyPresent: already });
    }
    ctx.checked("sps.sync.cert-trust");
  },
};
