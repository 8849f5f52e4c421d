import type { CertificateWithKey, StoreName } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { certificateIndex, certificateKey } from "../../estate/index.ts";

/**
 * The thumbprint a step means by a certificate name on a host: the one the
 * scenario created there under that name, else one whose friendly name it
 * is in the store, else the only certificate of that name in the lab.
 */
export function thumbprintByName(lab: Lab, host: Host, name: string, store: StoreName): string {
  const own = certificateIndex(lab).get(certificateKey(host.name, name));
  if (own) return own.certificate.thumbprint;
  const friendly = host.certs.existing("LocalMachine", store)?.findByFriendlyName(name) ?? [];
  if (friendly.length === 1) return friendly[0]!.certificate.thumbprint;
  const elsewhere = certificatesNamed(lab, name);
  if (elsewhere.length === 1) return elsewhere[0]!.certificate.thumbprint;
  throw new LabError({
    code: "CERT_UNKNOWN",
    message:
      elsewhere.length > 1
        ? `certificate name "${name}" is used on several hosts; give the thumbprint`
        : `no certificate named "${name}" on ${host.name} (LocalMachine\\${store}) or elsewhere in the lab`,
  });
}

function certificatesNamed(lab: Lab, name: string): CertificateWithKey[] {
  const suffix = `/${name.toLowerCase()}`;
  return [...certificateIndex(lab).entries()].filter(([k]) => k.endsWith(suffix)).map(([, v]) => v);
}
