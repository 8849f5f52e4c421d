import { evaluateTrust, TRUST_FAILURES } from "../../certs/index.ts";
import type { StepContext, Verification } from "../../product/index.ts";
import { adminToolsVersion } from "./admin-tools.ts";
import { LATE_AFTER_MS } from "./capacity.ts";
import type { ChangeRecord } from "./change-record.ts";
import { diagnose } from "./diagnose.ts";
import { targetVersion, testUser, writableDcs } from "./estate-view.ts";
import { installedNotifier } from "./notifier.ts";
import { changeUserPassword } from "./password-change.ts";
import { ensureRuntime } from "./runtime.ts";
import { serverFqdn } from "./sync-server.ts";
import { compareVersions, SPS_ADMIN, SPS_PCN, SPS_SERVER } from "./versions.ts";

/** Rules a change that arrived everywhere shows working. */
const SYNC_RULES = [
  "sps.sync.role",
  "sps.sync.role.target-down",
  "sps.sync.role.target-error",
  "sps.sync.role.target-slow",
  "sps.sync.cert",
  "sps.sync.cert-trust",
  "sps.sync.cert-expiry",
  "sps.sync.providers",
  "sps.pcn.all-dcs.lost",
  "sps.pcn.restart",
  "sps.order.protocol",
  "sps.order.admin-policy",
  "sps.post.license",
];

/** Raises what went wrong with a change, or marks the path's rules as checked; answers whether it arrived everywhere. */
export function reportChange(ctx: StepContext, record: ChangeRecord): "arrived" | "late" | "partial" | "none" {
  const state = ensureRuntime(ctx.lab);
  const findings = diagnose(ctx.lab, state, record);
  for (const f of findings) ctx.raise(f);
  const arrived = record.targets.filter((t) => t.arrived).length;
  ctx.lab.trace.record({
    host: record.handledBy,
    component: "sps-verify",
    kind: "verify.sync",
    data: {
      changeId: record.id,
      user: record.user,
      madeOn: record.madeOn,
      targets: record.expected.map((name) => {
        const t = record.targets.find((o) => o.target === name);
        return { target: name, arrived: t?.arrived ?? false, detail: t?.detail ?? record.lost?.detail ?? "not sent" };
      }),
      path: record.path.map((h) => `${h.host}: ${h.what} (#${h.eventId})`),
      ...(record.lost ? { lost: record.lost.kind } : {}),
    },
  });
  if (findings.length === 0) for (const r of SYNC_RULES) ctx.checked(r);
  if (findings.every((f) => f.rule !== "sps.sync.capacity") && record.server) ctx.checked("sps.sync.capacity");
  if (record.lost || record.expected.length === 0 || arrived === 0) return record.expected.length === 0 && !record.lost && (record.unreadablePolicies ?? []).length === 0 ? "partial" : "none";
  if (arrived < record.expected.length) return "partial";
  return (record.waitMs ?? 0) > LATE_AFTER_MS ? "late" : "arrived";
}

const sync: Verification = {
  name: "sync",
  description: "Reports per target whether the last password change arrived, with the path it took (a change is made on the first writable DC when none was).",
  async run(ctx) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    const mark = lab.state("specops-sync/verified", () => ({ upTo: 0 }));
    if (state.changes.length === mark.upTo) {
      const dc = writableDcs(lab)[0];
      if (!dc) return;
      await changeUserPassword(lab, state, { user: testUser(lab, state), dc: dc.name, mode: "reset" });
    }
    for (const record of state.changes.slice(mark.upTo)) reportChange(ctx, record);
    mark.upTo = state.changes.length;
  },
};

const pcnAllDcs: Verification = {
  name: "pcn-all-dcs",
  description: "The Password Change Notifier of the upgrade's version is installed on every writable DC and loaded (the DC restarted since).",
  async run(ctx) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    const wanted = targetVersion(lab);
    for (const dc of writableDcs(lab)) {
      const installed = installedNotifier(dc);
      const loaded = state.notifiers.get(dc.name.toUpperCase())?.loaded;
      const event = dc.record("sps-verify", "verify.pcn", { wanted, installed: installed?.version ?? null, loaded: loaded?.version ?? null });
      if (installed?.version === wanted && loaded?.version === wanted) {
        ctx.checked("sps.post.pcn-all-dcs");
        continue;
      }
      const why = !installed ? "no notifier is installed" : installed.version !== wanted ? `the notifier ${installed.version} is installed, not ${wanted}` : `the notifier ${wanted} is installed but ${loaded ? `${loaded.version} is loaded` : "not loaded"}: restart the DC`;
      ctx.raise({ rule: "sps.post.pcn-all-dcs", host: dc.name, component: SPS_PCN, message: `${dc.name}: ${why}.`, evidence: [event.id] });
    }
  },
};

const certTrusted: Verification = {
  name: "cert-trusted",
  description: "Every writable DC trusts every Sync Server's certificate (chain to a root in the DC's own stores, valid now, for the server's name).",
  async run(ctx) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    for (const server of state.servers.values()) {
      const host = lab.host(server.host);
      const cert = host.certs.store("LocalMachine", "My").get(server.certificateThumbprint)?.certificate;
      for (const dc of writableDcs(lab)) {
        if (!cert) {
          const event = dc.record("sps-verify", "verify.cert", { server: host.name, ok: false, detail: "the server's selected certificate is not in its store" });
          ctx.raise({ rule: "sps.post.cert-trusted", host: dc.name, component: SPS_SERVER, message: `Sync Server ${host.name} has no certificate to present.`, evidence: [event.id] });
          continue;
        }
        const trust = await evaluateTrust(cert, { stores: dc.certs, now: lab.clock.date(), dnsName: serverFqdn(host), revocations: [...lab.authorities.values()].map((a) => a.revocations) });
        const event = dc.record("sps-verify", "verify.cert", { server: host.name, thumbprint: cert.thumbprint, ok: trust.ok, ...(trust.ok ? {} : { reason: trust.reason, hresult: TRUST_FAILURES[trust.reason].hresult }) });
        if (trust.ok) ctx.checked("sps.post.cert-trusted");
        else ctx.raise({ rule: "sps.post.cert-trusted", host: dc.name, component: SPS_SERVER, message: `${dc.name} does not trust Sync Server ${host.name}'s certificate: ${TRUST_FAILURES[trust.reason].symbol}, ${trust.detail}.`, evidence: [event.id] });
      }
    }
  },
};

const license: Verification = {
  name: "license",
  description: "A valid licence key is imported.",
  async run(ctx) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    const valid = state.license && (state.license.expiresAtMs === undefined || state.license.expiresAtMs > lab.clock.now());
    const event = lab.trace.record({ host: "lab", component: "sps-verify", kind: "verify.license", data: { imported: state.license !== undefined, valid: Boolean(valid) } });
    if (valid) ctx.checked("sps.post.license");
    else ctx.raise({ rule: "sps.post.license", component: SPS_SERVER, message: state.license ? "The licence key has expired." : "No licence key is imported.", evidence: [event.id] });
  },
};

const admin: Verification = {
  name: "admin",
  description: "The Administration Tools of the upgrade's version are installed on a domain member with the GPMC, to administer from.",
  async run(ctx) {
    const lab = ctx.lab;
    const wanted = targetVersion(lab);
    const hosts = lab.hosts().filter((h) => adminToolsVersion(h) !== undefined);
    const event = lab.trace.record({ host: "lab", component: "sps-verify", kind: "verify.admin", data: { hosts: hosts.map((h) => ({ host: h.name, version: adminToolsVersion(h), gpmc: h.hasFeature("gpmc"), joined: h.joined })) } });
    if (hosts.length === 0) {
      ctx.raise({ rule: "sps.admin.where", component: SPS_ADMIN, message: "The Administration Tools are installed nowhere.", evidence: [event.id] });
      return;
    }
    ctx.checked("sps.admin.where");
    const usable = hosts.filter((h) => h.hasFeature("gpmc") && h.joined);
    if (usable.length === 0) ctx.raise({ rule: "sps.admin.contents", host: hosts[0]!.name, component: SPS_ADMIN, message: `The Administration Tools on ${hosts.map((h) => h.name).join(", ")} cannot edit policies: no GPMC (or not a domain member).`, evidence: [event.id] });
    else ctx.checked("sps.admin.contents");
    const behind = hosts.filter((h) => compareVersions(adminToolsVersion(h)!, wanted) < 0);
    if (behind.length > 0) ctx.raise({ rule: "sps.upgrade.all-components", host: behind[0]!.name, component: SPS_ADMIN, message: `The Administration Tools on ${behind.map((h) => `${h.name} (${adminToolsVersion(h)})`).join(", ")} were not upgraded to ${wanted}.`, evidence: [event.id] });
  },
};

export const SPS_VERIFICATIONS: readonly Verification[] = [sync, pcnAllDcs, certTrusted, license, admin];
