import { z } from "zod";
import { STORE_NAMES, type StoreName } from "../../certs/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { bindCertificate } from "./cert-bind.ts";
import { thumbprintByName } from "./cert-lookup.ts";
import { namedCertificate } from "../../estate/index.ts";
import { createCertificate } from "../../estate/index.ts";
import { hasOneTarget, hostTargetShape, ONE_TARGET_MESSAGE, targetHosts, targetNames } from "./host-target.ts";

const storeName = z.enum(STORE_NAMES as [StoreName, ...StoreName[]]);
const OPERATIONS = ["create", "import", "remove", "bind", "revoke"] as const;

const certArgs = z
  .strictObject({
    ...hostTargetShape,
    create: z
      .strictObject({
        name: z.string().min(1),
        subject: z.string().optional(),
        dnsNames: z.array(z.string().min(1)).min(1).optional(),
        issuer: z.string().min(1).optional(),
        friendlyName: z.string().optional(),
        validDays: z.number().positive().optional(),
        validFromDays: z.number().optional(),
        trustedBy: z.array(z.string().min(1)).optional(),
      })
      .optional(),
    import: z
      .strictObject({
        from: z.union([z.strictObject({ host: z.string().min(1), name: z.string().min(1) }), z.strictObject({ authority: z.string().min(1) })]),
        store: storeName,
        withKey: z.boolean().optional(),
      })
      .optional(),
    remove: z
      .strictObject({ name: z.string().min(1).optional(), thumbprint: z.string().min(1).optional(), store: storeName.optional() })
      .refine((r) => (r.name === undefined) !== (r.thumbprint === undefined), { message: "name the certificate by name or by thumbprint (one of them)" })
      .optional(),
    bind: z
      .strictObject({
        name: z.string().min(1).optional(),
        thumbprint: z.string().min(1).optional(),
        site: z.string().min(1).optional(),
        port: z.number().int().min(1).max(65535).optional(),
        ip: z.string().optional(),
        hostName: z.string().optional(),
        sni: z.boolean().optional(),
      })
      .refine((r) => (r.name === undefined) !== (r.thumbprint === undefined), { message: "name the certificate by name or by thumbprint (one of them)" })
      .optional(),
    revoke: z.string().min(1).optional(),
  })
  .refine((a) => OPERATIONS.filter((op) => a[op] !== undefined).length === 1, { message: `say what to do: exactly one of ${OPERATIONS.join(", ")}` })
  .refine((a) => hasOneTarget(a), { message: ONE_TARGET_MESSAGE })
  .refine((a) => a.import !== undefined || a.host !== undefined, { message: "create, remove, bind and revoke act on one machine: give host: X (hosts/role are for import)" });

export type CertArgs = z.infer<typeof certArgs>;

/** `cert: { host, create | import | remove | bind | revoke }`: the Certificates snap-in, IIS Manager's binding dialog, a CA's revoke. */
export const certVerb = defineBuiltinVerb<CertArgs>({
  name: "cert",
  description:
    "Certificates on a host. create: { name, dnsNames?, subject?, issuer?: self | <authority>, friendlyName?, validDays? (365), validFromDays? (-1), trustedBy?: [hosts | domain | all] } " +
    "mints one into LocalMachine\\My with its key (as lab hosts[].certificates; the same name again is a renewal: the name then means the new one). " +
    "import: { from: { host, name } | { authority }, store: Root | CA | My | TrustedPeople, withKey? (default: only into My) } copies it to { host } | { hosts } | { role: dcs | ... } " +
    "(e.g. a self-signed server certificate into the DCs' trusted roots). remove: { name | thumbprint, store? (My) } (a missing one is traced as cert.remove-missing). " +
    "bind: { name | thumbprint, site? (Default Web Site), port? (443), hostName?, ip?, sni? } binds it to the site's https binding, adding one if none (IIS must be installed; IIS's refusals are traced as cert.bind-failed). " +
    "revoke: name: its CA revokes it. Expiry needs no verb: `advance` time past notAfter.",
  args: () => certArgs,
  refs: (args) => ({
    hosts: [...targetNames(args), ...(args.create?.trustedBy ?? []).filter((n) => n !== "all" && n !== "domain"), ...(args.import && "host" in args.import.from ? [args.import.from.host] : [])],
  }),
  async run(ctx, args) {
    const lab = ctx.lab;
    if (args.create) await createCertificate(lab, lab.host(args.host!), args.create);
    if (args.import) importCertificate(lab, args as Required<Pick<CertArgs, "import">> & CertArgs);
    if (args.remove) {
      const host = lab.host(args.host!);
      const store = args.remove.store ?? "My";
      const thumbprint = args.remove.thumbprint ?? thumbprintByName(lab, host, args.remove.name!, store);
      const removed = host.certs.existing("LocalMachine", store)?.remove(thumbprint) ?? false;
      host.record("certs", removed ? "cert.removed" : "cert.remove-missing", { store: `LocalMachine\\${store}`, thumbprint, ...(args.remove.name ? { name: args.remove.name } : {}) });
    }
    if (args.bind) {
      const host = lab.host(args.host!);
      const thumbprint = args.bind.thumbprint ?? thumbprintByName(lab, host, args.bind.name!, "My");
      bindCertificate(lab, host, thumbprint, args.bind);
    }
    if (args.revoke !== undefined) revokeCertificate(lab, args.host!, args.revoke);
  },
});

function importCertificate(lab: Lab, args: CertArgs & Required<Pick<CertArgs, "import">>): void {
  const { from, store } = args.import;
  const source = "authority" in from ? authorityIdentity(lab, from.authority) : namedCertificate(lab, from.host, from.name);
  const label = "authority" in from ? from.authority : from.name;
  // A CA's key never leaves it; a server certificate goes into My as a .pfx would, with its key.
  const withKey = args.import.withKey ?? (store === "My" && !("authority" in from));
  const hosts = targetHosts(lab, args);
  for (const host of hosts) {
    host.certs.store("LocalMachine", store).add({ certificate: source.certificate, friendlyName: label, ...(withKey ? { privateKeyPem: source.privateKeyPem } : {}) });
    host.record("certs", "cert.imported", { name: label, thumbprint: source.certificate.thumbprint, store: `LocalMachine\\${store}`, withKey });
  }
}

function authorityIdentity(lab: Lab, name: string) {
  const authority = lab.authorities.get(name.toLowerCase());
  if (!authority) throw new LabError({ code: "LAB_NO_AUTHORITY", message: `no authority "${name}"; the lab has ${[...lab.authorities.keys()].join(", ") || "none (add lab.authorities)"}` });
  return authority.identity;
}

function revokeCertificate(lab: Lab, hostName: string, name: string): void {
  const made = namedCertificate(lab, hostName, name);
  const authority = [...lab.authorities.entries()].find(([, a]) => made.certificate.isSignedBy(a.certificate) && !made.certificate.equals(a.certificate));
  if (!authority) throw new LabError({ code: "CERT_NOT_REVOCABLE", message: `certificate "${name}" on ${hostName} was not issued by an authority of the lab (self-signed certificates cannot be revoked)` });
  authority[1].revoke(made.certificate, lab.clock.date());
  lab.trace.record({ host: "lab", component: "certs", kind: "cert.revoked", data: { name, host: lab.host(hostName).name, authority: authority[0], thumbprint: made.certificate.thumbprint } });
}
