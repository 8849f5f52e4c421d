import { Directory } from "../ad/index.ts";
import { CertificateAuthority } from "../certs/index.ts";
import { Host } from "../host/index.ts";
import { attachIisToNetwork, installIis } from "../iis/index.ts";
import { LabError } from "../kernel/index.ts";
import type { Lab } from "../lab.ts";
import { createCertificate, trustedHosts } from "./create-certificate.ts";
import { applyAssignedSoftware } from "./domain-membership.ts";
import { HostNode } from "./host-node.ts";
import type { AuthoritySpec, HostSpec, LabSpec } from "../lab-spec.ts";

const DAY_MS = 86_400_000;

/**
 * Turns a `lab:` description into a running estate, in the order a real one
 * is built: domain, hosts (DCs first), joins, accounts, certificate
 * authorities, certificates, shares, network rules.
 */
export async function buildEstate(lab: Lab, spec: LabSpec): Promise<void> {
  lab.trace.record({ host: "lab", component: "lab", kind: "lab.build", data: { seed: lab.seed, hosts: spec.hosts.map((h) => h.name) } });
  const hosts = withDomainControllers(spec);
  if (spec.domain) {
    const policy = spec.domain.passwordPolicy ?? {};
    const lockout = spec.domain.lockoutPolicy ?? {};
    lab.directory = new Directory(lab, {
      dnsName: spec.domain.name,
      ...(spec.domain.netbios ? { netbiosName: spec.domain.netbios } : {}),
      passwordPolicy: {
        ...(policy.minLength !== undefined ? { minLength: policy.minLength } : {}),
        ...(policy.complexity !== undefined ? { complexity: policy.complexity } : {}),
        ...(policy.historyCount !== undefined ? { historyCount: policy.historyCount } : {}),
        ...(policy.minAgeDays !== undefined ? { minAgeMs: policy.minAgeDays * DAY_MS } : {}),
        ...(policy.maxAgeDays !== undefined ? { maxAgeMs: policy.maxAgeDays * DAY_MS } : {}),
      },
      lockoutPolicy: {
        ...(lockout.threshold !== undefined ? { threshold: lockout.threshold } : {}),
        ...(lockout.durationMinutes !== undefined ? { durationMs: lockout.durationMinutes * 60_000 } : {}),
        ...(lockout.observationMinutes !== undefined ? { observationWindowMs: lockout.observationMinutes * 60_000 } : {}),
      },
    });
  }
  // Addresses the scenario gives are reserved before any host gets an allocated one.
  const explicit = new Set(hosts.flatMap((h) => (h.ip ? [h.ip] : [])));
  for (const hostSpec of hosts) addHost(lab, hostSpec, explicit);
  if (spec.domain && lab.directory) {
    for (const ou of spec.domain.ous ?? []) lab.directory.createOu(ou);
    for (const account of spec.domain.accounts ?? []) {
      lab.directory.createUser({
        samAccountName: account.name,
        password: account.password,
        ...(account.ou ? { ou: account.ou } : {}),
        ...(account.mobile ? { mobile: account.mobile } : {}),
        ...(account.email ? { mail: account.email } : {}),
      });
      for (const group of account.groups ?? []) lab.directory.addToGroup(group, account.name);
      if (account.disabled) lab.directory.setAccountEnabled(account.name, false);
    }
    if (spec.domain.users) lab.directory.populate({ users: spec.domain.users });
  }
  for (const authority of spec.authorities ?? []) await addAuthority(lab, authority);
  for (const hostSpec of hosts) {
    for (const cert of hostSpec.certificates ?? []) await createCertificate(lab, lab.host(hostSpec.name), cert);
    for (const share of hostSpec.shares ?? []) {
      lab.host(hostSpec.name).fs.mkdir(share.path);
      lab.shares.add({ host: hostSpec.name, name: share.name, path: share.path, readers: share.readers ?? ["everyone"] });
    }
  }
  for (const rule of spec.network?.rules ?? []) {
    lab.network.addPerimeterRule({
      name: rule.name,
      action: rule.action,
      protocol: rule.protocol,
      from: rule.from,
      to: rule.to,
      ...(rule.port !== undefined ? { port: rule.port } : {}),
      ...(rule.sourcePort !== undefined ? { sourcePort: rule.sourcePort } : {}),
    } as Parameters<Lab["network"]["addPerimeterRule"]>[0]);
  }
  for (const record of spec.network?.records ?? []) lab.network.addDnsRecord(record.name, record.host);
  for (const host of lab.hosts()) host.services.boot();
}

/** The scenario may name its DCs or just count them (`domain.dcs`); a domain always has one. */
export function withDomainControllers(spec: LabSpec): HostSpec[] {
  const hosts = [...spec.hosts];
  if (!spec.domain) return hosts;
  const named = hosts.filter((h) => h.role === "dc" || h.role === "rodc").length;
  const wanted = Math.max(spec.domain.dcs ?? 1, named === 0 ? 1 : named);
  for (let i = 1; hosts.filter((h) => h.role === "dc" || h.role === "rodc").length < wanted; i++) {
    const name = `DC${String(i).padStart(2, "0")}`;
    if (hosts.some((h) => h.name.toUpperCase() === name)) continue;
    hosts.unshift({ name, os: "windows-server-2019", role: "dc", zone: "internal", joined: true });
  }
  return hosts;
}

function addHost(lab: Lab, spec: HostSpec, reserved: ReadonlySet<string>): void {
  const zone = spec.zone ?? "internal";
  let ip = spec.ip;
  while (ip === undefined || (spec.ip === undefined && reserved.has(ip))) ip = lab.network.allocateAddress(zone);
  // Host takes an absent option as its default (`?? default`), so unset ones are passed as undefined.
  const host = new Host(lab, {
    name: spec.name,
    os: spec.os,
    arch: spec.arch || undefined,
    zone,
    ip,
    role: spec.role || undefined,
    features: spec.features || undefined,
    ie: spec.ie,
    ramFreeMb: spec.ramFreeMb,
    diskFreeMb: spec.diskFreeMb,
    firewallEnabled: spec.firewall?.enabled,
  });
  lab.addHost(host);
  const directory = lab.directory;
  const isDc = spec.role === "dc" || spec.role === "rodc";
  const joined = isDc || (spec.joined ?? (directory !== undefined && zone === "internal"));
  if (joined) {
    if (!directory) throw new LabError({ code: "LAB_NO_DOMAIN", message: `host ${spec.name} is joined but the lab has no domain` });
    if (isDc) directory.addDomainController(spec.name, { readOnly: spec.role === "rodc", os: spec.os });
    else directory.joinComputer(spec.name, { os: spec.os });
    host.domain = directory.dnsName;
    host.setAuthenticator(directory.serviceLogonProvider());
  }
  host.onRestart(() => applyAssignedSoftware(lab, host));
  lab.network.addNode(new HostNode(host));
  if (host.hasFeature("iis")) {
    const iis = installIis(lab, host);
    lab.setIis(host.name, iis);
    attachIisToNetwork(iis, lab.network);
  }
}

async function addAuthority(lab: Lab, spec: AuthoritySpec): Promise<void> {
  const notBefore = new Date(lab.clock.date().getTime() - 365 * DAY_MS);
  const identity = await lab.certificates.selfSigned({
    subject: spec.subject ?? `CN=${spec.name}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (spec.validDays ?? 3650) * DAY_MS),
    isCa: true,
  });
  lab.authorities.set(spec.name.toLowerCase(), new CertificateAuthority(lab.certificates, identity));
  const trusted = spec.enterprise ? lab.hosts().filter((h) => h.joined) : trustedHosts(lab, spec.trustedBy);
  for (const host of trusted) host.certs.store("LocalMachine", "Root").add({ certificate: identity.certificate });
  lab.trace.record({ host: "lab", component: "certs", kind: "ca.created", data: { name: spec.name, thumbprint: identity.certificate.thumbprint, enterprise: spec.enterprise ?? false, trustedBy: trusted.map((h) => h.name) } });
}
