import { evaluateTrust, TRUST_FAILURES } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { ChangeRecord, LossCause, PathHop, ServerAttempt, TargetOutcome } from "./change-record.ts";
import { resolveUserPolicy } from "./policy.ts";
import { callProvider } from "./providers.ts";
import { notifierOf, type SpsState } from "./sps-state.ts";
import { installedProviders, serverFqdn, SYNC_PORT, SYNC_SCP_KEYWORD, type SyncRequest, type SyncResponse } from "./sync-server.ts";
import { passwordDigest } from "./targets.ts";
import { policyFormatOf, protocolOf } from "./versions.ts";

export interface ChangeNotice {
  readonly user: string;
  /** The DC the change was made on. */
  readonly madeOn: string;
  readonly password: string;
}

/**
 * What happens after AD accepted a new password, step by step on the estate:
 * the writable DC that applied it (an RODC forwards writes), the notifier
 * LSASS loaded there, the Sync Servers it finds through their Service
 * Connection Points, TLS with the server's certificate checked from the
 * DC's own stores, the protocol, the server's queue, the licence, the
 * user's Password Sync policy read from the directory, and one provider call
 * per Sync Point to the target systems. Each step leaves a trace event; the
 * record keeps their ids as the path the change took.
 */
export async function propagateChange(lab: Lab, state: SpsState, notice: ChangeNotice): Promise<ChangeRecord> {
  const directory = lab.domain();
  const id = `chg-${state.nextChangeId++}`;
  const atMs = lab.clock.now();
  const digest = passwordDigest(userSam(lab, notice.user), notice.password);
  const path: PathHop[] = [];
  const attempts: ServerAttempt[] = [];
  const hop = (host: string, what: string, eventId: number): void => void path.push({ host, what, eventId });
  const base = { id, user: notice.user, madeOn: notice.madeOn, atMs, digest, path, attempts };

  const madeOn = lab.host(notice.madeOn);
  let handledBy = madeOn;
  if (madeOn.role === "rodc") {
    const writable = directory.domainControllers().find((d) => !d.readOnly);
    if (writable) {
      handledBy = lab.host(writable.host);
      hop(madeOn.name, `read-only DC forwarded the password write to ${handledBy.name}`, madeOn.record("ad", "rodc.forwarded", { changeId: id, user: notice.user, to: handledBy.name }).id);
    }
  }
  const seen = handledBy.record("sps-pcn", "password.changed", { changeId: id, user: notice.user, madeOn: madeOn.name });
  hop(handledBy.name, "domain controller applied the new password", seen.id);

  const runtime = notifierOf(state, handledBy.name);
  const loaded = runtime.loaded;
  if (!loaded) {
    const detail = runtime.loadFailure ? runtime.loadFailure.reason : `no Password Change Notifier is loaded on ${handledBy.name}`;
    const event = handledBy.record("sps-pcn", "pcn.not-notified", { changeId: id, user: notice.user, detail });
    return finish(lab, state, { ...base, handledBy: handledBy.name, lost: { kind: "no-notifier", detail, eventIds: [event.id, ...(runtime.loadFailure ? [runtime.loadFailure.eventId] : [])] }, expected: [], targets: [] });
  }
  hop(handledBy.name, `notifier ${loaded.version} (loaded at boot) saw the change`, handledBy.record("sps-pcn", "pcn.notified", { changeId: id, user: notice.user, version: loaded.version }).id);

  const scps = directory.findServiceConnectionPoints(SYNC_SCP_KEYWORD, handledBy.name);
  const candidates = [...new Set(scps.map((s) => s.computer.toUpperCase()))].filter((n) => lab.findHost(n));
  if (candidates.length === 0) {
    const detail = `${handledBy.name} found no Sync Server: no Service Connection Point with keyword ${SYNC_SCP_KEYWORD} in the directory`;
    const event = handledBy.record("sps-pcn", "pcn.no-sync-server", { changeId: id, detail });
    return finish(lab, state, { ...base, handledBy: handledBy.name, notifierVersion: loaded.version, lost: { kind: "no-sync-server", detail, eventIds: [event.id] }, expected: [], targets: [] });
  }

  let accepted: Host | undefined;
  for (const name of state.capacity.preference(lab.clock.now(), candidates.map((c) => lab.host(c).name))) {
    const attempt = await offer(lab, handledBy, lab.host(name), loaded.version, id, notice.user);
    attempts.push(attempt);
    hop(name, describeAttempt(attempt), attempt.eventId);
    if (attempt.outcome === "accepted") {
      accepted = lab.host(name);
      break;
    }
  }
  if (!accepted) {
    const detail = attempts.map((a) => `${a.server}: ${describeAttempt(a)}`).join("; ");
    return finish(lab, state, { ...base, handledBy: handledBy.name, notifierVersion: loaded.version, lost: { kind: "all-servers-failed", detail, eventIds: attempts.map((a) => a.eventId) }, expected: [], targets: [] });
  }

  const server = state.servers.get(accepted.name.toUpperCase())!;
  const slot = state.capacity.assign(lab.clock.now(), [accepted.name])!;
  if (slot.startMs > lab.clock.now()) lab.clock.advance(slot.startMs - lab.clock.now());
  const dequeued = accepted.record("sps-server", "sync.dequeued", { changeId: id, waitMs: slot.waitMs, ahead: slot.ahead });
  hop(accepted.name, `waited ${Math.round(slot.waitMs / 1000)} s in the Sync Server's queue (${slot.ahead} ahead)`, dequeued.id);
  const served = { handledBy: handledBy.name, notifierVersion: loaded.version, server: accepted.name, waitMs: slot.waitMs, waitEventId: dequeued.id };

  const license = state.license;
  if (!license || (license.expiresAtMs !== undefined && license.expiresAtMs <= lab.clock.now())) {
    const detail = license ? "the licence key has expired" : "no licence key has been imported";
    const event = accepted.record("sps-server", "sync.unlicensed", { changeId: id, detail });
    const lost: LossCause = { kind: "unlicensed", server: accepted.name, detail, eventIds: [event.id, ...(license ? [license.eventId] : [])] };
    return finish(lab, state, { ...base, ...served, lost, expected: [], targets: [] });
  }

  const user = directory.user(notice.user);
  const policy = accepted.joined && user ? resolveUserPolicy(directory, state.policy, user.distinguishedName, policyFormatOf(server.version)) : undefined;
  const policyEvent = accepted.record("sps-server", "sync.policy", {
    changeId: id,
    user: notice.user,
    scopes: policy?.scopes ?? [],
    gpos: policy?.gpos ?? [],
    points: policy?.points.map((p) => p.name) ?? [],
    unreadable: policy?.unreadable ?? [],
    ignored: policy?.ignored ?? [],
  });
  hop(accepted.name, `read the user's Password Sync policy: ${policy && policy.points.length > 0 ? policy.points.map((p) => p.name).join(", ") : "no Sync Point"}`, policyEvent.id);

  const targets: TargetOutcome[] = [];
  const providers = installedProviders(accepted, server);
  for (const point of policy?.points ?? []) {
    const target = state.targets.get(point.target);
    if (!target) continue;
    if (!providers.includes(point.provider)) {
      const detail = `Sync Point ${point.name} uses provider ${point.provider}, which is not installed on ${accepted.name} (deselected at setup)`;
      const event = accepted.record("sps-server", "sync.provider-missing", { changeId: id, point: point.name, provider: point.provider });
      targets.push({ target: target.name, point: point.name, provider: point.provider, arrived: false, failure: "provider-missing", detail, eventId: event.id });
      hop(accepted.name, detail, event.id);
      continue;
    }
    const outcome = await callProvider(state.targets, target, userSam(lab, notice.user), notice.password, id);
    lab.clock.advance(outcome.elapsedMs);
    const received = state.targets.received(target.name, userSam(lab, notice.user));
    const arrived = outcome.ok && received?.digest === digest;
    const event = accepted.record("sps-provider", arrived ? "sync.delivered" : "sync.delivery-failed", {
      changeId: id,
      point: point.name,
      target: target.name,
      provider: point.provider,
      ...(outcome.ok ? { status: outcome.status } : { failure: outcome.kind, ...(outcome.status !== undefined ? { status: outcome.status } : {}), detail: outcome.detail }),
      elapsedMs: outcome.elapsedMs,
    });
    const detail = outcome.ok ? `${target.baseUrl} answered ${outcome.status}` : outcome.detail;
    targets.push({
      target: target.name,
      point: point.name,
      provider: point.provider,
      arrived,
      ...(outcome.ok ? { status: outcome.status } : { failure: outcome.kind, ...(outcome.status !== undefined ? { status: outcome.status } : {}) }),
      detail,
      eventId: event.id,
      ...(arrived && received ? { atMs: received.atMs } : {}),
    });
    hop(target.name, arrived ? `arrived at ${target.name} (${point.provider})` : `did not arrive at ${target.name}: ${detail}`, event.id);
  }
  const expected = [...new Set((policy?.points ?? []).map((p) => p.target))];
  // Spelled out, not spread from base and served: the spreads were most of this function's own CPU.
  return finish(lab, state, {
    id,
    user: notice.user,
    madeOn: notice.madeOn,
    atMs,
    digest,
    path,
    attempts,
    handledBy: served.handledBy,
    notifierVersion: served.notifierVersion,
    server: served.server,
    waitMs: served.waitMs,
    waitEventId: served.waitEventId,
    expected,
    targets,
    unreadablePolicies: policy?.unreadable ?? [],
    policyEventId: policyEvent.id,
  });
}

/** The notifier offers the change to one Sync Server: connect, TLS (trust from the DC's stores), protocol. */
async function offer(lab: Lab, dc: Host, serverHost: Host, notifierVersion: string, changeId: string, user: string): Promise<ServerAttempt> {
  const server = serverHost.name;
  const fqdn = serverFqdn(serverHost);
  const connected = await lab.network.run(lab.network.connect(dc.name, fqdn, SYNC_PORT));
  if (!connected.ok) {
    const event = dc.record("sps-pcn", "pcn.connect-failed", { changeId, server, port: SYNC_PORT, symptom: connected.symptom, reason: connected.reason, detail: connected.detail, ...(connected.traceId ? { netEvent: connected.traceId } : {}) });
    return { server, outcome: "connect-failed", reason: connected.reason, detail: `${connected.symptom}: ${connected.detail}`, eventId: event.id };
  }
  const connection = connected.connection;
  try {
    const hello = await lab.network.run(connection.request<SyncResponse>({ type: "hello", serverName: fqdn } satisfies SyncRequest));
    if (!hello.ok || hello.response.type !== "server-hello") {
      const detail = hello.ok ? "unexpected answer" : hello.detail;
      const event = dc.record("sps-pcn", "pcn.connect-failed", { changeId, server, detail });
      return { server, outcome: "connect-failed", reason: hello.ok ? "protocol" : hello.reason, detail, eventId: event.id };
    }
    const certificate = hello.response.certificate;
    if (!certificate) {
      const event = dc.record("sps-pcn", "pcn.tls-refused", { changeId, server, reason: "partial-chain", detail: "the server presented no certificate (the selected one is not in its LocalMachine\\My store)" });
      return { server, outcome: "tls-refused", reason: "partial-chain", selfSigned: false, detail: "the server presented no certificate", eventId: event.id };
    }
    const trust = await evaluateTrust(certificate, {
      stores: dc.certs,
      now: lab.clock.date(),
      dnsName: fqdn,
      revocations: [...lab.authorities.values()].map((a) => a.revocations),
    });
    if (!trust.ok) {
      const windows = TRUST_FAILURES[trust.reason];
      const event = dc.record("sps-pcn", "pcn.tls-refused", { changeId, server, thumbprint: certificate.thumbprint, reason: trust.reason, hresult: windows.hresult, symbol: windows.symbol, detail: trust.detail });
      return { server, outcome: "tls-refused", reason: trust.reason, selfSigned: certificate.selfSigned, detail: `${windows.symbol}: ${trust.detail}`, eventId: event.id };
    }
    dc.record("sps-pcn", "pcn.tls-ok", { changeId, server, thumbprint: certificate.thumbprint, chain: trust.chain.map((c) => c.thumbprint) });
    const serverVersion = hello.response.version;
    const protocol = protocolOf(notifierVersion) === 2 && protocolOf(serverVersion) === 1 ? 1 : protocolOf(notifierVersion);
    const sent = await lab.network.run(connection.request<SyncResponse>({ type: "change", protocol, notifierVersion, changeId, user } satisfies SyncRequest));
    if (!sent.ok) {
      const event = dc.record("sps-pcn", "pcn.connect-failed", { changeId, server, detail: sent.detail });
      return { server, outcome: "connect-failed", reason: sent.reason, detail: sent.detail, eventId: event.id };
    }
    if (sent.response.type === "refused") {
      const event = dc.record("sps-pcn", "pcn.refused", { changeId, server, notifierVersion, serverVersion, detail: sent.response.detail });
      return { server, outcome: "protocol-refused", notifierVersion, serverVersion, detail: sent.response.detail, eventId: event.id };
    }
    const event = serverHost.record("sps-server", "sync.received", { changeId, from: dc.name, protocol, notifierVersion });
    return { server, outcome: "accepted", eventId: event.id };
  } finally {
    connection.close();
  }
}

function describeAttempt(a: ServerAttempt): string {
  switch (a.outcome) {
    case "accepted":
      return "Sync Server accepted the change over TLS";
    case "connect-failed":
      return `connection to the Sync Server failed (${a.detail})`;
    case "tls-refused":
      return `notifier refused the Sync Server's certificate (${a.detail})`;
    case "protocol-refused":
      return `Sync Server refused the notifier's protocol (${a.detail})`;
  }
}

function userSam(lab: Lab, user: string): string {
  return lab.domain().user(user)?.sAMAccountName ?? user;
}

function finish(lab: Lab, state: SpsState, record: ChangeRecord): ChangeRecord {
  state.changes.push(record);
  lab.trace.record({
    host: record.handledBy,
    component: "sps",
    kind: "sync.change-finished",
    data: {
      changeId: record.id,
      user: record.user,
      lost: record.lost?.kind ?? null,
      expected: [...record.expected],
      arrived: record.targets.filter((t) => t.arrived).map((t) => t.target),
    },
  });
  return record;
}
