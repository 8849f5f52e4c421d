import type { Host } from "../../host/index.ts";
import { memoPure } from "../../kernel/index.ts";
import type { StepContext } from "../../product/index.ts";
import { installAdminTools } from "./admin-tools.ts";
import { certificateSource, findServerCertificate } from "./certificate-choice.ts";
import { installedNotifier, installNotifier } from "./notifier.ts";
import { checkPrerequisites, type PrereqOperator } from "./prerequisites.ts";
import { SHIPPED_PROVIDERS } from "./providers.ts";
import { ensureRuntime } from "./runtime.ts";
import type { SpsState } from "./sps-state.ts";
import { installSyncServer, SYNC_SERVICE } from "./sync-server.ts";
import { compareVersions, fileVersionOf, pcnMsiName, pcnMsiPath, setupFolder, SPS_ADMIN, SPS_MIN_UPGRADE_FROM, SPS_PCN, SPS_SERVER, type SpsComponent } from "./versions.ts";

export interface SetupChoices {
  readonly host: string;
  readonly component: SpsComponent;
  readonly version: string;
  /** The account running the Setup Assistant. */
  readonly as: string;
  /** Start Installation, then Accept the End User License Agreement. */
  readonly eula: boolean;
  /** Sync Server: the certificate selected with "Select" (friendly name or thumbprint). */
  readonly certificate?: string;
  /** Sync Server: providers left selected (all shipped ones by default). */
  readonly providers?: readonly string[];
  /** Let the Setup Assistant install .NET Framework 4 when it is missing ("it will help you meet the system requirements"). */
  readonly meetRequirements: boolean;
}

interface SetupFile {
  readonly path: string;
  readonly content: string;
  readonly options: { readonly version: string; readonly size: number };
}

/**
 * What the Setup Assistant of a version extracts, in the order it writes it.
 * Memoized (pure, frozen): every lab then holds the same path and content
 * strings instead of building its own for each extraction.
 */
const setupFiles = memoPure((version: string): readonly SetupFile[] => {
  const folder = setupFolder(version);
  const fileVersion = fileVersionOf(version);
  const file = (path: string, content: string, size: number): SetupFile => Object.freeze({ path, content, options: Object.freeze({ version: fileVersion, size }) });
  const files = [file(`${folder}\\SpecopsPasswordSync_Setup_${version}.exe`, `Specops Setup Assistant ${version}`, 4_200_000)];
  for (const arch of ["x86", "x64"] as const) {
    files.push(
      file(pcnMsiPath(version, arch), `msi ${SPS_PCN} ${version} ${arch}`, 1_100_000),
      file(`${folder}\\Products\\SpecopsPasswordSync\\SpecopsPasswordSync_SyncServer_${version}_${arch}.msi`, `msi ${SPS_SERVER} ${version} ${arch}`, 6_000_000),
      file(`${folder}\\Products\\SpecopsPasswordSync\\SpecopsPasswordSync_AdminTools_${version}_${arch}.msi`, `msi ${SPS_ADMIN} ${version} ${arch}`, 5_000_000),
    );
  }
  return Object.freeze(files);
}, 64);

/** "Save and Run the Setup Assistant": it extracts itself and the msi packages to C:\temp\SpecopsPasswordSync_Setup_<version>. */
export function extractSetup(host: Host, version: string): number {
  for (const f of setupFiles(version)) host.fs.writeFile(f.path, f.content, f.options);
  return host.record("sps-setup", "setup.extracted", { version, folder: setupFolder(version) }).id;
}

/**
 * The Setup Assistant's pages for one component, in the document's order:
 * extract, Start Installation and the EULA, the prerequisites, then the
 * component's own choices. A refusal raises the rule and installs nothing.
 */
export async function runSetup(ctx: StepContext, choices: SetupChoices): Promise<void> {
  const lab = ctx.lab;
  const state = ensureRuntime(lab);
  const host = lab.host(choices.host);
  const extracted = extractSetup(host, choices.version);
  if (!choices.eula) {
    const event = host.record("sps-setup", "setup.eula-declined", { version: choices.version });
    ctx.raise({ rule: "sps.setup.extract", host: host.name, component: choices.component, message: "The End User License Agreement was not accepted: the Setup Assistant installs nothing.", evidence: [extracted, event.id] });
    return;
  }
  ctx.checked("sps.setup.extract");
  const existing = host.products.byComponent(choices.component);
  if (existing && compareVersions(existing.version, choices.version) < 0) {
    const notes = host.record("sps-setup", "setup.upgrade-detected", { component: choices.component, from: existing.version, to: choices.version });
    ctx.raise({ rule: "sps.plan.release-notes", host: host.name, component: choices.component, message: `Upgrading ${existing.name} ${existing.version} to ${choices.version}: read the Release Notes first.`, evidence: [notes.id] });
  }
  // Upgrading to 4.1 itself is not what the document covers; beyond it, only from 4.1 or later.
  if (existing && compareVersions(existing.version, SPS_MIN_UPGRADE_FROM) < 0 && compareVersions(choices.version, SPS_MIN_UPGRADE_FROM) > 0) {
    const event = host.record("sps-setup", "setup.refused", { component: choices.component, installed: existing.version, reason: "upgrade only from 4.1 or later" });
    ctx.raise({ rule: "sps.upgrade.from-4.1", host: host.name, component: choices.component, message: `${host.name} has ${existing.name} ${existing.version}; the Setup Assistant upgrades only from 4.1 or later.`, evidence: [event.id] });
    return;
  }
  if (existing) ctx.checked("sps.upgrade.from-4.1");

  if (choices.meetRequirements && choices.component !== SPS_PCN && !host.hasFeature("dotnet-4.0")) {
    host.addFeature("dotnet-4.8");
    host.record("sps-setup", "setup.prerequisite-installed", { feature: "dotnet-4.8" });
  }
  const directory = lab.directory;
  const operator: PrereqOperator | undefined =
    choices.component === SPS_ADMIN
      ? { name: choices.as, isDomainOrEnterpriseAdmin: directory !== undefined && (directory.isMemberOf(choices.as, "Domain Admins") || directory.isMemberOf(choices.as, "Enterprise Admins")) }
      : undefined;
  const results = checkPrerequisites(choices.component, { name: host.name, os: host.os, role: host.role, joined: host.joined, hasFeature: (f) => host.hasFeature(f) }, operator);
  const prereqEvent = host.record("sps-setup", "setup.prerequisites", { component: choices.component, results: results.map((r) => ({ rule: r.rule, ok: r.ok })) });
  let refused = false;
  for (const r of results) {
    if (r.ok) ctx.checked(r.rule);
    else {
      refused = true;
      ctx.raise({ rule: r.rule, host: host.name, component: choices.component, message: `${r.detail}: the Setup Assistant refuses to install.`, evidence: [prereqEvent.id] });
    }
  }
  if (refused) return;

  switch (choices.component) {
    case SPS_PCN:
      return setupNotifier(ctx, state, host, choices);
    case SPS_SERVER:
      return setupServer(ctx, state, host, choices);
    case SPS_ADMIN:
      return setupAdmin(ctx, host, choices);
  }
}

function setupNotifier(ctx: StepContext, state: SpsState, host: Host, choices: SetupChoices): void {
  const installed = installedNotifier(host);
  if (installed) {
    const event = host.record("sps-setup", "setup.refused", { component: SPS_PCN, installed: installed.version, error: 1638 });
    ctx.raise({ rule: "sps.pcn.uninstall-first", host: host.name, component: SPS_PCN, message: `The notifier ${installed.version} is still installed on ${host.name}; uninstall the existing msi before upgrading.`, evidence: [event.id] });
    return;
  }
  ctx.checked("sps.pcn.uninstall-first");
  host.record("sps-setup", "setup.msi-selected", { component: SPS_PCN, msi: pcnMsiName(choices.version, host.arch), arch: host.arch });
  ctx.checked("sps.sync.msi-arch");
  installNotifier(state, host, choices.version, host.arch, "setup");
}

function setupServer(ctx: StepContext, state: SpsState, host: Host, choices: SetupChoices): void {
  const lab = ctx.lab;
  orderChecks(ctx, host, SPS_SERVER, choices.version);
  const current = state.servers.get(host.name.toUpperCase());
  const entry = findServerCertificate(host, choices.certificate ?? current?.certificateThumbprint);
  if (!entry) {
    const event = host.record("sps-setup", "setup.no-certificate", { requested: choices.certificate ?? null });
    ctx.raise({
      rule: "sps.sync.cert.missing",
      host: host.name,
      component: SPS_SERVER,
      message: choices.certificate ? `No certificate "${choices.certificate}" with a private key in ${host.name}'s LocalMachine\\My: the Sync Server cannot be installed.` : undefined,
      evidence: [event.id],
    });
    return;
  }
  ctx.checked("sps.sync.cert.missing");
  const source = certificateSource(lab, entry);
  const selected = host.record("sps-setup", "setup.certificate-selected", { thumbprint: entry.certificate.thumbprint, subject: entry.certificate.subject, source, notAfter: entry.certificate.notAfter.toISOString() });
  if (source === "other-ca") {
    ctx.raise({ rule: "sps.sync.cert-source", host: host.name, component: SPS_SERVER, message: `The selected certificate ${entry.certificate.subject} was issued by ${entry.certificate.issuer}, which is not AD Certificate Services.`, evidence: [selected.id] });
  } else ctx.checked("sps.sync.cert-source");
  const providers = choices.providers ?? [...SHIPPED_PROVIDERS];
  if (choices.providers) {
    const page = host.record("sps-setup", "setup.providers-page", { selected: [...providers] });
    ctx.raise({ rule: "sps.sync.custom-providers", host: host.name, component: SPS_SERVER, evidence: [page.id] });
  }
  for (const p of SHIPPED_PROVIDERS.filter((p) => !providers.includes(p))) host.record("sps-setup", "setup.provider-deselected", { provider: p, state: "Entire Feature will be unavailable" });
  ctx.checked("sps.sync.providers");
  host.record("sps-setup", "setup.msi-selected", { component: SPS_SERVER, msi: `SpecopsPasswordSync_SyncServer_${choices.version}_${host.arch}.msi`, arch: host.arch });
  ctx.checked("sps.sync.msi-arch");
  installSyncServer(lab, state, host, { version: choices.version, certificateThumbprint: entry.certificate.thumbprint, providers });
  lab.clock.advance(2_000);
  if (host.services.get(SYNC_SERVICE)?.state !== "RUNNING") host.record("sps-setup", "setup.service-not-running", { service: SYNC_SERVICE });
}

function setupAdmin(ctx: StepContext, host: Host, choices: SetupChoices): void {
  orderChecks(ctx, host, SPS_ADMIN, choices.version);
  installAdminTools(host, choices.version);
  ctx.checked("sps.admin.where");
  ctx.checked("sps.admin.contents");
}

/**
 * PCN, then Sync Server, then Administration Tools: an earlier component
 * still older than this one warns (sps.order); before a Sync Server, every
 * writable DC should already run the notifier of this version (sps.pcn.all-dcs).
 */
function orderChecks(ctx: StepContext, host: Host, component: SpsComponent, version: string): void {
  const lab = ctx.lab;
  const earlier = component === SPS_SERVER ? [SPS_PCN] : [SPS_PCN, SPS_SERVER];
  const behind = lab.hosts().flatMap((h) =>
    earlier.flatMap((c) => {
      const row = h.products.byComponent(c);
      return row && compareVersions(row.version, version) < 0 ? [`${c} ${row.version} on ${h.name}`] : [];
    }),
  );
  if (behind.length > 0) {
    const event = host.record("sps-setup", "setup.order", { component, version, behind });
    ctx.raise({ rule: "sps.order", host: host.name, component, message: `${component} ${version} is installed before earlier components were upgraded: ${behind.join(", ")}.`, evidence: [event.id] });
  } else ctx.checked("sps.order");
  if (component !== SPS_SERVER) return;
  const state = ensureRuntime(lab);
  for (const dc of lab.hosts().filter((h) => h.role === "dc")) {
    const loaded = state.notifiers.get(dc.name.toUpperCase())?.loaded;
    if (loaded?.version === version) {
      ctx.checked("sps.pcn.all-dcs");
      continue;
    }
    const installed = installedNotifier(dc);
    const event = dc.record("sps-setup", "setup.pcn-behind", { dc: dc.name, installed: installed?.version ?? null, loaded: loaded?.version ?? null, wanted: version });
    ctx.raise({
      rule: "sps.pcn.all-dcs",
      host: dc.name,
      component: SPS_PCN,
      message: `${dc.name} does not run the ${version} notifier (installed: ${installed?.version ?? "none"}, loaded: ${loaded?.version ?? "none"}) while the Sync Server goes to ${version}.`,
      evidence: [event.id],
    });
  }
}
