import type { Lab } from "../../lab.ts";
import type { FindingInput } from "../../product/index.ts";
import { LATE_AFTER_MS } from "./capacity.ts";
import type { ChangeRecord, ServerAttempt } from "./change-record.ts";
import { installedNotifier } from "./notifier.ts";
import { PCN_MSI_PATTERN } from "./runtime.ts";
import { notifierOf, type SpsState } from "./sps-state.ts";
import { serverAccepts, SPS_PCN, SPS_SERVER } from "./versions.ts";

/**
 * The explanation of a change's fate: which rule the mechanism's failure
 * comes from, with the trace events that show it. The most specific cause
 * wins (a 32-bit DLL before "not restarted" before "not installed").
 */
export function diagnose(lab: Lab, state: SpsState, record: ChangeRecord): FindingInput[] {
  const lost = record.lost;
  if (lost?.kind === "no-notifier") return [noNotifier(lab, state, record, lost.eventIds)];
  if (lost?.kind === "no-sync-server") return [noSyncServer(lab, record, lost.detail, lost.eventIds)];
  if (lost?.kind === "all-servers-failed") return dedupe(record.attempts.filter((a) => a.outcome !== "accepted").map((a) => failedAttempt(lab, state, record, a)));
  if (lost?.kind === "unlicensed") {
    return [{ rule: "sps.post.license", host: lost.server, component: SPS_SERVER, message: `The Sync Server accepted ${record.user}'s change and synced nothing: ${lost.detail}.`, evidence: lost.eventIds }];
  }
  const out: FindingInput[] = [];
  const unreadable = record.unreadablePolicies ?? [];
  if (unreadable.length > 0) {
    const gpos = [...new Set(unreadable.map((u) => `${u.gpo} (format ${u.format})`))].join(", ");
    out.push({
      rule: "sps.order.admin-policy",
      host: record.server,
      component: SPS_SERVER,
      message: `Sync Server ${record.server} cannot read the Password Sync policy ${gpos}: it was saved by newer Administration Tools; ${record.user}'s change skipped those Sync Points.`,
      evidence: record.policyEventId ? [record.policyEventId] : [],
    });
  } else if (record.expected.length === 0) {
    out.push({
      rule: "sps.sync.role.no-target",
      host: record.server,
      component: SPS_SERVER,
      message: `No Password Sync policy names a Sync Point for ${record.user}: the change went nowhere.`,
      evidence: record.policyEventId ? [record.policyEventId] : [],
    });
  }
  for (const t of record.targets) {
    if (t.arrived) continue;
    const rule =
      t.failure === "provider-missing" ? "sps.sync.providers" : t.failure === "down" ? "sps.sync.role.target-down" : t.failure === "error" ? "sps.sync.role.target-error" : t.failure === "timeout" ? "sps.sync.role.target-slow" : "sps.sync.role";
    out.push({ rule, host: record.server, component: SPS_SERVER, message: `${record.user}'s new password did not reach ${t.target} (Sync Point ${t.point}): ${t.detail}.`, evidence: [t.eventId] });
  }
  if ((record.waitMs ?? 0) > LATE_AFTER_MS) {
    out.push({
      rule: "sps.sync.capacity",
      host: record.server,
      component: SPS_SERVER,
      message: `${record.user}'s change waited ${Math.round((record.waitMs ?? 0) / 60_000)} minutes in Sync Server ${record.server}'s queue: more changes arrive than one Sync Server handles (the lab's figure: 1,200 an hour).`,
      evidence: record.waitEventId ? [record.waitEventId] : [],
    });
  }
  return out;
}

function noNotifier(lab: Lab, state: SpsState, record: ChangeRecord, eventIds: readonly number[]): FindingInput {
  const dc = lab.host(record.handledBy);
  const installed = installedNotifier(dc);
  const runtime = notifierOf(state, dc.name);
  const base = { host: dc.name, component: SPS_PCN };
  const lastOf = (kind: string): number[] => {
    const e = lab.trace.find((ev) => ev.host === dc.name && ev.kind === kind).at(-1);
    return e ? [e.id] : [];
  };
  if (runtime.loadFailure && installed?.arch === "x86" && dc.is64Bit) {
    return { rule: "sps.sync.msi-arch", ...base, message: `${dc.name} has the 32-bit notifier msi installed; 64-bit LSASS did not load it, so ${record.user}'s change was not synced.`, evidence: [...eventIds, ...lastOf("msi.installed")] };
  }
  if (installed) {
    return {
      rule: "sps.pcn.restart",
      ...base,
      message: `The notifier ${installed.version} is installed on ${dc.name} but not loaded: the DC was not restarted after it was installed, so ${record.user}'s change was not synced.`,
      evidence: [...eventIds, ...lastOf("msi.installed")],
    };
  }
  const refused = lab.trace.find((ev) => ev.host === dc.name && ev.kind === "msi.refused" && ev.data.error === 1638).at(-1);
  const gpsi = gpsiCause(lab, dc.name);
  if (gpsi) return { rule: gpsi.rule, ...base, message: `${gpsi.detail}; ${record.user}'s change made there was not synced.`, evidence: [...eventIds, ...gpsi.evidence] };
  if (refused) {
    return { rule: "sps.pcn.uninstall-first", ...base, severity: "broken", message: `The new notifier msi was refused on ${dc.name} (error 1638: the old one was still installed); ${record.user}'s change was not synced.`, evidence: [...eventIds, refused.id] };
  }
  return {
    rule: "sps.pcn.all-dcs.lost",
    ...base,
    message: `No Password Change Notifier runs on ${dc.name}: ${record.user}'s change made there was not synced, and nothing reported it.`,
    evidence: [...eventIds],
  };
}

/** Why a GPSI deployment of the notifier did not reach a DC, when one was attempted. */
function gpsiCause(lab: Lab, dcName: string): { rule: string; detail: string; evidence: number[] } | undefined {
  const directory = lab.domain();
  const gpos = directory.gpos().filter((g) => g.packages.some((p) => PCN_MSI_PATTERN.test(p.msiPath.split("\\").pop() ?? "")));
  if (gpos.length === 0) return undefined;
  const failed = lab.trace.find((e) => e.host === dcName && e.kind === "gpsi.install-failed" && PCN_MSI_PATTERN.test(String(e.data.msi ?? "").split("\\").pop() ?? "")).at(-1);
  if (failed) return { rule: "sps.pcn.gpsi", detail: `Group Policy could not install the notifier on ${dcName} at startup (error ${String(failed.data.error)}: ${String(failed.data.message)})`, evidence: [failed.id] };
  const applying = directory.gposForComputer(dcName).map((g) => g.guid);
  for (const gpo of gpos) {
    const pkg = gpo.packages.find((p) => PCN_MSI_PATTERN.test(p.msiPath.split("\\").pop() ?? ""))!;
    const evidence = lab.trace.find((e) => e.kind === "gpo-package-added" && e.data.gpo === gpo.name).map((e) => e.id).slice(-1);
    if (!applying.includes(gpo.guid)) {
      return { rule: "sps.pcn.gpsi", detail: `GPO "${gpo.name}" with the notifier package does not apply to ${dcName}: it is not linked to the Domain Controllers OU`, evidence };
    }
    if (pkg.deployment !== "assigned") {
      return { rule: "sps.pcn.gpsi", detail: `GPO "${gpo.name}" publishes the notifier package instead of assigning it: computers never install published packages`, evidence };
    }
  }
  const restartedSince = lab.trace.find((e) => e.host === dcName && e.kind === "host.restart").at(-1);
  const added = lab.trace.find((e) => e.kind === "gpo-package-added").at(-1);
  if (!restartedSince || (added && restartedSince.id < added.id)) {
    return { rule: "sps.pcn.restart", detail: `The notifier is assigned to ${dcName} through Group Policy, but the DC was not restarted since, so it was not installed`, evidence: added ? [added.id] : [] };
  }
  return undefined;
}

function noSyncServer(lab: Lab, record: ChangeRecord, detail: string, eventIds: readonly number[]): FindingInput {
  const servers = lab.hosts().filter((h) => h.products.byComponent(SPS_SERVER));
  const outside = servers.find((h) => !h.joined);
  if (outside) {
    const notPublished = lab.trace.find((e) => e.host === outside.name && e.kind === "scp.not-published").map((e) => e.id).slice(-1);
    return {
      rule: "sps.req.sync.member.runtime",
      host: outside.name,
      component: SPS_SERVER,
      message: `Sync Server ${outside.name} is not a domain member: notifiers cannot find it (no Service Connection Point), so ${record.user}'s change from ${record.handledBy} went nowhere.`,
      evidence: [...eventIds, ...notPublished],
    };
  }
  return { rule: "sps.sync.role", host: record.handledBy, component: SPS_PCN, message: `${detail}; ${record.user}'s change was not synced.`, evidence: [...eventIds] };
}

function failedAttempt(lab: Lab, state: SpsState, record: ChangeRecord, a: ServerAttempt): FindingInput {
  const server = { host: a.server, component: SPS_SERVER };
  switch (a.outcome) {
    case "tls-refused": {
      const rule = a.reason === "expired" ? "sps.sync.cert-expiry" : a.reason === "untrusted-root" && a.selfSigned ? "sps.sync.cert-trust" : "sps.sync.cert";
      return { rule, host: record.handledBy, component: SPS_PCN, message: `The notifier on ${record.handledBy} refused Sync Server ${a.server}'s certificate (${a.detail}); ${record.user}'s change was not sent.`, evidence: [a.eventId] };
    }
    case "protocol-refused": {
      const dc = lab.host(record.handledBy);
      const installed = installedNotifier(dc);
      const loaded = notifierOf(state, dc.name).loaded;
      if (installed && loaded && installed.version !== loaded.version && serverAccepts(a.serverVersion, installed.version)) {
        return {
          rule: "sps.pcn.restart",
          host: dc.name,
          component: SPS_PCN,
          message: `${dc.name} still runs the notifier ${loaded.version} it loaded at its last start (${installed.version} is installed, waiting for a restart); Sync Server ${a.serverVersion} refused it and ${record.user}'s change was lost.`,
          evidence: [a.eventId, loaded.eventId],
        };
      }
      const refused = lab.trace.find((ev) => ev.host === dc.name && ev.kind === "msi.refused" && ev.data.error === 1638).at(-1);
      if (refused) {
        return { rule: "sps.pcn.uninstall-first", host: dc.name, component: SPS_PCN, severity: "broken", message: `The new notifier was refused on ${dc.name} (error 1638: the old msi was not uninstalled first); the old notifier ${a.notifierVersion} still runs and Sync Server ${a.serverVersion} refused ${record.user}'s change.`, evidence: [a.eventId, refused.id] };
      }
      // Other DCs already run a notifier the server accepts: this one was left behind, not the order broken.
      const upgradedElsewhere = [...state.notifiers.entries()].some(([name, n]) => name !== dc.name.toUpperCase() && n.loaded && serverAccepts(a.serverVersion, n.loaded.version));
      if (upgradedElsewhere) {
        return { rule: "sps.pcn.all-dcs.lost", host: dc.name, component: SPS_PCN, message: `${dc.name} was left on the notifier ${a.notifierVersion} while other DCs were upgraded: Sync Server ${a.serverVersion} refused it, and ${record.user}'s change made there was lost without notice.`, evidence: [a.eventId] };
      }
      return { rule: "sps.order.protocol", ...server, message: `Sync Server ${a.server} (${a.serverVersion}) refused the notifier ${a.notifierVersion} on ${record.handledBy}: ${a.detail}; ${record.user}'s change was lost.`, evidence: [a.eventId] };
    }
    case "connect-failed": {
      const host = lab.host(a.server);
      if (!host.hasFeature("dotnet-4.0")) {
        const crashed = lab.trace.find((e) => e.host === host.name && e.kind === "service.crashed").map((e) => e.id).slice(-1);
        return { rule: "sps.req.sync.dotnet.runtime", ...server, message: `The Sync Server service on ${a.server} is not running (.NET Framework 4.0 is missing): ${record.handledBy} could not connect, and ${record.user}'s change was lost.`, evidence: [a.eventId, ...crashed] };
      }
      return { rule: "sps.sync.role", ...server, message: `${record.handledBy} could not reach Sync Server ${a.server} (${a.detail}); ${record.user}'s change was lost.`, evidence: [a.eventId] };
    }
    case "accepted":
      return { rule: "sps.sync.role", ...server, evidence: [a.eventId] };
  }
}

function dedupe(findings: FindingInput[]): FindingInput[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.host ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
