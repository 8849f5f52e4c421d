import type { StepContext, Verification } from "../../product/index.ts";
import { installedVersion, readAprString } from "./apr-install-state.ts";
import { CLIENT_REG_ROOT } from "./apr-layout.ts";
import { aprLine, compareAprVersions } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { clientDocumentMode } from "./client-render.ts";
import { runFlows, submitWrongAnswers, type FlowOp, type FlowResult } from "./flows.ts";
import { licenceMajor, licensesMajor } from "./licence.ts";
import { databaseFolderOf } from "./operator-files.ts";
import { loadDatabase } from "./server-runtime.ts";
import { pageMinDocumentMode } from "./web-templates.ts";
import { serverAddressFor } from "./web-interface.ts";
import { webTargets, type WebTarget } from "./web-targets.ts";

/** Rules a working reset path shows did not fire. */
const PATH_RULES = [
  "apr.web.role", "apr.web.role.retransmit", "apr.server.role", "apr.server.role.wire", "apr.net.request", "apr.net.reply",
  "apr.net.request.dmz-rule", "apr.net.reply.dmz-rule", "apr.setup.firewall-exception", "apr.net.other-firewall",
  "apr.upgrade.matching-versions", "apr.web.serverip", "apr.setup.service-account.logon", "apr.setup.service-account.rights",
  "apr.server.sqlce", "apr.upgrade.restart",
];

function report(ctx: StepContext, results: readonly FlowResult[]): void {
  for (const r of results) {
    if (r.ok || !r.diagnosis) continue;
    const d = r.diagnosis;
    ctx.raise({ rule: d.rule, host: r.target.host, component: "apr-web", message: `${r.op} via ${r.target.baseUrl}: ${d.message}`, evidence: d.evidence, ...(d.severity ? { severity: d.severity } : {}) });
  }
  if (results.length > 0 && results.every((r) => r.ok)) {
    for (const rule of PATH_RULES) ctx.checked(rule);
    const lab = ctx.lab;
    if (AprWorld.of(lab).v2Baseline.size > 0) ctx.checked("apr.upgrade2.flows");
    const target = results[0]!.target;
    const web = lab.host(target.host);
    const version = installedVersion(web, "apr-web");
    if (version && serverAddressFor(web, target.vdir, aprLine(version).major).valueName !== "ServerIP") ctx.checked("apr.web.serverip-vdir");
    if (lab.trace.events.some((e) => e.kind === "apr:restore.web")) ctx.checked("apr.upgrade3.restore-custom");
  }
}

/** Runs the flows on every Web Interface; returns per target whether all worked. */
export async function verifyFlows(ctx: StepContext, ops: readonly FlowOp[]): Promise<{ target: WebTarget; ok: boolean }[]> {
  const targets = webTargets(ctx.lab);
  const out: { target: WebTarget; ok: boolean }[] = [];
  for (const target of targets) {
    const results = await runFlows(ctx, target, ops);
    report(ctx, results);
    out.push({ target, ok: results.every((r) => r.ok) });
  }
  if (targets.length >= 2 && out.every((o) => o.ok)) ctx.checked("apr.server.multi-web");
  if (targets.length >= 2 && out.some((o) => o.ok) && out.some((o) => !o.ok)) {
    const failing = out.filter((o) => !o.ok).map((o) => o.target.baseUrl);
    ctx.raise({ rule: "apr.server.multi-web", message: `Some Web Interfaces work and ${failing.join(", ")} do not.` });
  }
  if (targets.length === 0) ctx.raise({ rule: "apr.web.role", message: "No Web Interface is installed: users cannot reach Password Reset." });
  return out;
}

/** The Data Console's Users and Audit Log tabs, read from the database files, for every server. */
export function verifyDataConsole(ctx: StepContext): boolean[] {
  const lab = ctx.lab;
  const world = AprWorld.of(lab);
  const out: boolean[] = [];
  for (const host of lab.hosts()) {
    const version = installedVersion(host, "apr-server");
    if (!version) continue;
    const folder = databaseFolderOf(host) ?? "";
    const loaded = loadDatabase(host, folder, aprLine(version).major);
    const baseline = world.v2Baseline.get(world.key(host.name));
    const event = host.recordOwn("apr", "apr:data-console.read", {
      folder,
      ...(loaded.db ? { users: loaded.db.userCount, audit: loaded.db.auditLog().length } : { error: loaded.error }),
      ...(baseline ? { expectedUsers: baseline.users } : {}),
    });
    let ok = true;
    if (!loaded.db) {
      ok = false;
      const error = loaded.error ?? "";
      const rule = /V2 database|import/.test(error) ? "apr.upgrade2.imported" : /not found/.test(error) ? "apr.db.move.repoint" : baseline ? "apr.upgrade2.imported" : "apr.server.role";
      ctx.raise({ rule, host: host.name, component: "apr-server", message: `The Data Console cannot open the database on ${host.name}: ${loaded.error}`, evidence: [event.id] });
    } else if (baseline && loaded.db.userCount < baseline.users) {
      ok = false;
      ctx.raise({ rule: "apr.upgrade2.imported", host: host.name, component: "apr-server", message: `The Data Console's User tab shows ${loaded.db.userCount} users; the V2 database held ${baseline.users}.`, evidence: [event.id] });
    } else if (baseline) ctx.checked("apr.upgrade2.imported");
    // After a V2 upgrade the files stay under Program Files (x86) until moved (Other Tasks, Move Database files).
    if (aprLine(version).major >= 3 && host.is64Bit && folder.toLowerCase().includes("\\program files (x86)\\")) {
      ctx.raise({ rule: "apr.db.move", host: host.name, component: "apr-server", message: `The APR ${version} database on ${host.name} is still in ${folder}.`, evidence: [event.id] });
    } else if (aprLine(version).major >= 3) ctx.checked("apr.db.move");
    const sql = world.sqlServer.get(world.key(host.name));
    if (sql) {
      const denied = ["VerificationCode", "EnrollRecord"].filter((c) => sql.deniedColumns.has(c));
      const oldConsoles = lab.hosts().filter((h) => {
        const v = installedVersion(h, "apr-server");
        return v !== undefined && compareAprVersions(v, "3.23") < 0;
      });
      if (denied.length > 0 && oldConsoles.length > 0) {
        ok = false;
        ctx.raise({ rule: "apr.upgrade3.data-console-columns", host: oldConsoles[0]!.name, message: `SQL Server denies ${denied.join(" and ")}; the Data Console ${installedVersion(oldConsoles[0]!, "apr-server")} on ${oldConsoles.map((h) => h.name).join(", ")} reads them and fails.`, evidence: [event.id] });
      } else ctx.checked("apr.upgrade3.data-console-columns");
    }
    out.push(ok);
  }
  return out;
}

/** Each Password Reset Client renders the reset page of its Web Interface in its own document mode. */
export async function verifyClients(ctx: StepContext): Promise<boolean[]> {
  const lab = ctx.lab;
  const out: boolean[] = [];
  for (const host of lab.hosts()) {
    const version = installedVersion(host, "apr-client");
    if (!version) continue;
    const view = host.registry.view(host.is64Bit ? 64 : 32);
    const url = view.getValue(CLIENT_REG_ROOT, "ResetUrl");
    const resetUrl = url?.type === "REG_SZ" ? url.data : undefined;
    if (!resetUrl) {
      out.push(false);
      ctx.raise({ rule: "apr.web.role", host: host.name, component: "apr-client", message: `The Password Reset Client on ${host.name} has no Web Interface address.` });
      continue;
    }
    const page = await lab.web.request(host.name, resetUrl);
    if (!page.ok) {
      out.push(false);
      ctx.raise({ rule: "apr.web.role", host: host.name, component: "apr-client", message: `The Password Reset Client on ${host.name} could not load ${resetUrl}: ${page.detail}`, ...(page.traceId !== undefined ? { evidence: [page.traceId] } : {}) });
      continue;
    }
    const needed = pageMinDocumentMode(page.response.body);
    const decision = clientDocumentMode(host, version);
    const event = host.recordOwn("apr-client", "apr:client.render", { url: resetUrl, clientVersion: version, ie: host.ie, mode: decision.mode, needed, why: decision.why });
    if (decision.mode < needed) {
      out.push(false);
      const ieTooOld = host.ie <= 8;
      ctx.raise({
        rule: ieTooOld ? "apr.upgrade2.ie8" : "apr.client.ie-mode",
        host: host.name,
        component: "apr-client",
        message: `${host.name} renders the reset page in document mode ${decision.mode}; the templates need ${needed}: ${decision.why}.`,
        evidence: [event.id],
      });
      continue;
    }
    ctx.checked("apr.client.ie-mode");
    ctx.checked("apr.upgrade2.ie8");
    const webMajor = Number(/<meta name="apr-version" content="(\d+)/.exec(page.response.body)?.[1] ?? "3");
    const key = view.getValue(CLIENT_REG_ROOT, "LicenseKey");
    const keyText = key?.type === "REG_SZ" ? key.data : undefined;
    if (keyText !== undefined && licenceMajor(keyText) !== webMajor) {
      ctx.raise({ rule: "apr.upgrade2.license", host: host.name, component: "apr-client", message: `The Password Reset Client on ${host.name} has a V${licenceMajor(keyText) ?? "?"} licence key; the Web Interface is V${webMajor}.`, evidence: [event.id] });
    }
    out.push(true);
  }
  return out;
}

/**
 * Licence keys of every server match its major version; otherwise it runs as
 * an evaluation. `kept-keys` looks only at servers holding a key of another
 * version (a perpetual key the upgrade kept: 002, "Upgrading to V3.23",
 * step 4, "Install your new license key if you have a perpetual license");
 * a server installed without any key is an evaluation by choice.
 */
export function verifyLicences(ctx: StepContext, scope: "all" | "kept-keys" = "all"): boolean[] {
  const lab = ctx.lab;
  const out: boolean[] = [];
  for (const host of lab.hosts()) {
    const version = installedVersion(host, "apr-server");
    if (!version) continue;
    const key = readAprString(host, version, "LicenseKey");
    if (licensesMajor(key, aprLine(version).major)) {
      ctx.checked("apr.upgrade2.license");
      out.push(true);
    } else if (scope === "kept-keys" && licenceMajor(key) === undefined) {
      continue;
    } else {
      const event = host.recordOwn("apr", "apr:licence.checked", { version, key: key ? `${key.slice(0, 4)}…` : "none" });
      ctx.raise({ rule: "apr.upgrade2.license", host: host.name, component: "apr-server", message: `${host.name} runs APR ${version} with ${key ? `a V${licenceMajor(key) ?? "?"} licence key` : "no licence key"}: an evaluation that expires.`, evidence: [event.id] });
      out.push(false);
    }
  }
  return out;
}

/** Customised Web Interface files still carry their customisation (the upgrade overwrites them: 002, "Upgrading From APR V3.x"). */
export function verifyCustomisations(ctx: StepContext): boolean[] {
  const lab = ctx.lab;
  const out: boolean[] = [];
  for (const [where, marker] of AprWorld.of(lab).customised) {
    const [hostName, path] = where.split("|") as [string, string];
    const kept = lab.host(hostName).fs.readText(path)?.includes(marker) === true;
    if (kept) ctx.checked("apr.upgrade3.web-overwritten");
    else ctx.raise({ rule: "apr.upgrade3.web-overwritten", host: hostName, message: `The customisation of ${path} on ${hostName} is gone.` });
    out.push(kept);
  }
  return out;
}

async function verifyLockout(ctx: StepContext): Promise<void> {
  const target = webTargets(ctx.lab)[0];
  if (!target) return;
  const first = await submitWrongAnswers(ctx, target, 5, true);
  const lockedAtThreshold = first.codes[4] === "LOCKED_OUT" && first.codes[5] === "LOCKED_OUT" && first.codes.slice(0, 4).every((c) => c === "WRONG_ANSWERS");
  if (!lockedAtThreshold) {
    ctx.raise({ rule: "apr.server.role.lockout", severity: "broken", host: target.host, message: `Wrong answers did not lock ${first.user} out as expected (answers gave ${first.codes.join(", ")}).` });
    return;
  }
  ctx.checked("apr.server.role.lockout");
}

export const APR_VERIFICATIONS: readonly Verification[] = [
  { name: "enroll", description: "A test user enrols security answers through every Web Interface.", run: async (ctx) => void (await verifyFlows(ctx, ["enroll"])) },
  { name: "reset", description: "A test user enrols, then proves identity with the answers and sets a new password, through every Web Interface.", run: async (ctx) => void (await verifyFlows(ctx, ["reset"])) },
  { name: "change", description: "A test user changes a known password through every Web Interface.", run: async (ctx) => void (await verifyFlows(ctx, ["change"])) },
  { name: "flows", description: "Enroll, Reset and Change through every Web Interface (the document's browser test).", run: async (ctx) => void (await verifyFlows(ctx, ["enroll", "reset", "change"])) },
  { name: "lockout", description: "Five wrong answers lock a user out of Password Reset; the right answers are refused meanwhile.", run: verifyLockout },
  { name: "data-console", description: "The Data Console's Users and Audit Log tabs read every server's database (and show imported V2 data).", run: async (ctx) => void verifyDataConsole(ctx) },
  { name: "client", description: "Every Password Reset Client renders its Web Interface's reset page correctly.", run: async (ctx) => void (await verifyClients(ctx)) },
  { name: "license", description: "Every APR Server (and Client) has a licence key of its version.", run: async (ctx) => void verifyLicences(ctx) },
  { name: "customisations", description: "Customised Web Interface files still carry their customisation.", run: async (ctx) => void verifyCustomisations(ctx) },
];
