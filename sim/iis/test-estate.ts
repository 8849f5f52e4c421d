import { CertificateAuthority, CertificateFactory, type CertificateWithKey } from "../certs/index.ts";
import { Host, type HostOptions } from "../host/index.ts";
import { createContext, type LabContext } from "../kernel/index.ts";
import { Network } from "../net/index.ts";
import { installIis } from "./install-iis.ts";
import type { IisServer } from "./iis-server.ts";
import { attachIisToNetwork } from "./network-listener.ts";
import { WebClient } from "./web-client.ts";

const DAY = 24 * 60 * 60 * 1000;
export const DOMAIN = "corp.example";

export interface IisTestEstate {
  readonly context: LabContext;
  readonly network: Network;
  readonly hosts: ReadonlyMap<string, Host>;
  readonly web: IisServer;
  readonly client: WebClient;
  readonly ca: CertificateAuthority;
  host(name: string): Host;
  /** A certificate from the estate's CA, valid from yesterday for `days`. */
  issue(dnsNames: string[], days?: number): Promise<CertificateWithKey>;
  /** Puts a certificate with its key into a host's LocalMachine\My. */
  installCertificate(host: string, cert: CertificateWithKey): void;
  /** Imports the CA's root into a host's LocalMachine\Root. */
  trustRoot(host: string): void;
}

/**
 * The estate of the IIS tests: WEB01 (IIS, internal, joined), CLIENT01
 * (internal, joined), DMZWEB (IIS, DMZ, not joined, public name
 * www.example.com) and INET01 (an internet client); one CA.
 */
export async function buildIisEstate(seed = 7): Promise<IisTestEstate> {
  const context = createContext(seed);
  const network = new Network(context, { domain: DOMAIN });
  const hosts = new Map<string, Host>();
  const add = (options: HostOptions, joined: boolean): Host => {
    const host = new Host(context, options);
    if (joined) host.domain = DOMAIN;
    hosts.set(host.name, host);
    network.addNode({
      name: host.name,
      ip: host.ip,
      zone: host.zone,
      get domainJoined() {
        return host.joined;
      },
      firewall: host.firewall,
    });
    return host;
  };
  add({ name: "WEB01", os: "windows-server-2016", zone: "internal", ip: "10.0.0.21" }, true);
  add({ name: "CLIENT01", os: "windows-10", zone: "internal", ip: "10.0.0.50" }, true);
  add({ name: "DMZWEB", os: "windows-server-2016", zone: "dmz", ip: "172.16.0.10" }, false);
  add({ name: "INET01", os: "windows-10", zone: "external", ip: "203.0.113.50" }, false);
  network.addPublicDnsRecord("www.example.com", "172.16.0.10");

  const factory = new CertificateFactory(context.rng.fork("certs"));
  const now = context.clock.date().getTime();
  const root = await factory.selfSigned({ subject: "CN=Corp Root CA", notBefore: new Date(now - DAY), notAfter: new Date(now + 3650 * DAY), isCa: true });
  const ca = new CertificateAuthority(factory, root);

  const host = (name: string): Host => {
    const h = hosts.get(name);
    if (!h) throw new Error(`no host ${name} in the test estate`);
    return h;
  };
  const web = installIis(context, host("WEB01"));
  attachIisToNetwork(web, network);
  const client = new WebClient({ context, network, hostOf: (name) => hosts.get(name) });
  return {
    context,
    network,
    hosts,
    web,
    client,
    ca,
    host,
    issue: (dnsNames, days = 365) => ca.issue({ subject: `CN=${dnsNames[0] ?? "server"}`, dnsNames, notBefore: new Date(now - DAY), notAfter: new Date(now + days * DAY) }),
    installCertificate: (name, cert) => host(name).certs.store("LocalMachine", "My").add({ certificate: cert.certificate, privateKeyPem: cert.privateKeyPem }),
    trustRoot: (name) => host(name).certs.store("LocalMachine", "Root").add({ certificate: root.certificate }),
  };
}

/** An application folder with a page, on a host's disk. */
export function writeFolder(host: Host, folder: string, files: Record<string, string> = {}): void {
  host.fs.mkdir(folder);
  for (const [name, text] of Object.entries(files)) host.fs.writeFile(`${folder}\\${name}`, text);
}
