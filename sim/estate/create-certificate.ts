import type { CertificateWithKey } from "../certs/index.ts";
import type { Host } from "../host/index.ts";
import { LabError } from "../kernel/index.ts";
import type { Lab } from "../lab.ts";
import type { CertificateSpec } from "../lab-spec.ts";
import { certificateIndex, certificateKey } from "./certificate-index.ts";

const DAY_MS = 86_400_000;

/**
 * Mints a certificate into the host's LocalMachine\My with its key, as the
 * lab builder does for `hosts[].certificates` (same defaults: valid from a
 * day ago for 365 days, DNS name = the host's FQDN), and indexes it by
 * (host, name). A self-signed one is trusted by the `trustedBy` hosts.
 */
export async function createCertificate(lab: Lab, host: Host, spec: CertificateSpec): Promise<CertificateWithKey> {
  const notBefore = new Date(lab.clock.date().getTime() + (spec.validFromDays ?? -1) * DAY_MS);
  const notAfter = new Date(notBefore.getTime() + (spec.validDays ?? 365) * DAY_MS);
  const dnsNames = spec.dnsNames ?? [host.domain ? `${host.name.toLowerCase()}.${host.domain}` : host.name.toLowerCase()];
  const options = { subject: spec.subject ?? `CN=${dnsNames[0]}`, dnsNames, notBefore, notAfter };
  const selfSigned = !spec.issuer || spec.issuer === "self";
  let made: CertificateWithKey;
  if (selfSigned) {
    made = await lab.certificates.selfSigned(options);
  } else {
    const authority = lab.authorities.get(spec.issuer!.toLowerCase());
    if (!authority) {
      const known = [...lab.authorities.keys()];
      throw new LabError({ code: "LAB_NO_AUTHORITY", message: `certificate ${spec.name} on ${host.name}: no authority "${spec.issuer}"; the lab has ${known.join(", ") || "none (add lab.authorities)"}` });
    }
    made = await authority.issue(options);
  }
  const trusted = selfSigned ? trustedHosts(lab, spec.trustedBy) : [];
  host.certs.store("LocalMachine", "My").add({ certificate: made.certificate, privateKeyPem: made.privateKeyPem, friendlyName: spec.friendlyName ?? spec.name });
  for (const other of trusted) other.certs.store("LocalMachine", "Root").add({ certificate: made.certificate });
  certificateIndex(lab).set(certificateKey(host.name, spec.name), made);
  host.record("certs", "cert.created", {
    name: spec.name,
    thumbprint: made.certificate.thumbprint,
    dnsNames,
    issuer: spec.issuer ?? "self",
    notAfter: notAfter.toISOString(),
    ...(trusted.length ? { trustedBy: trusted.map((h) => h.name) } : {}),
  });
  return made;
}

/** Host names, "domain" (every joined host) or "all". */
export function trustedHosts(lab: Lab, names: readonly string[] | undefined): Host[] {
  const out = new Map<string, Host>();
  for (const name of names ?? []) {
    if (name === "all") lab.hosts().forEach((h) => out.set(h.name, h));
    else if (name === "domain") lab.hosts().filter((h) => h.joined).forEach((h) => out.set(h.name, h));
    else {
      const host = lab.host(name);
      out.set(host.name, host);
    }
  }
  return [...out.values()];
}
