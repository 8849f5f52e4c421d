import type { StoreEntry } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";

export const SERVER_CERT_FRIENDLY_NAME = "Specops Password Reset Server";
const YEAR_MS = 365 * 86_400_000;

/**
 * The self-signed certificate the Server's installation created (the one
 * the document asks to select again at upgrade). Created once per host, on
 * first need, with the friendly name the installation gives it.
 */
export async function ensureServerCertificate(lab: Lab, host: Host): Promise<StoreEntry> {
  const my = host.certs.store("LocalMachine", "My");
  const existing = my.findByFriendlyName(SERVER_CERT_FRIENDLY_NAME).find((e) => e.privateKeyPem !== undefined);
  if (existing) return existing;
  const notBefore = new Date(lab.clock.date().getTime() - YEAR_MS);
  const made = await lab.certificates.selfSigned({ subject: `CN=Specops Password Reset Server ${host.name}`, notBefore, notAfter: new Date(notBefore.getTime() + 20 * YEAR_MS) });
  my.add({ certificate: made.certificate, privateKeyPem: made.privateKeyPem, friendlyName: SERVER_CERT_FRIENDLY_NAME });
  host.record("spr-setup", "spr:server.certificate-created", { thumbprint: made.certificate.thumbprint, friendlyName: SERVER_CERT_FRIENDLY_NAME });
  return my.get(made.certificate.thumbprint)!;
}
