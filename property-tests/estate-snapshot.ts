import { createHash } from "node:crypto";
import type { Lab } from "../sim/lab.ts";
import { exportReg } from "../sim/registry/index.ts";

/**
 * The configuration of an estate, host by host, as plain data to compare:
 * installed products, features, services (configuration and state),
 * registry under HKLM\SOFTWARE (both views), files (version and content
 * hash), certificate stores, IIS sites, firewall rules. Paths matching
 * `volatile` (a product's data files, logs) are left out: the checks of a
 * plan write to them by design.
 */
export type EstateSnapshot = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export function snapshotEstate(lab: Lab, volatile: readonly RegExp[] = []): EstateSnapshot {
  const out: Record<string, Record<string, unknown>> = {};
  const keep = (path: string) => !volatile.some((re) => re.test(path));
  for (const host of lab.hosts()) {
    const files: Record<string, string> = {};
    for (const drive of host.fs.drives()) {
      for (const path of host.fs.walk(`${drive.letter}\\`).filter(keep)) {
        const entry = host.fs.readFile(path)!;
        files[path] = `${entry.version ?? "-"} ${digest(entry.content)}`;
      }
    }
    const registry: Record<string, string> = {};
    for (const bits of [64, 32] as const) {
      const view = host.registry.view(bits);
      if (view.keyExists("HKLM\\SOFTWARE")) registry[`${bits}`] = digest(exportReg(view, "HKLM\\SOFTWARE"));
    }
    const iis = lab.iis(host.name);
    out[host.name] = {
      products: host.products.list().map((p) => `${p.component ?? p.name} ${p.version} ${p.arch ?? ""}`).sort(),
      features: host.features().sort(),
      services: host.services
        .list()
        .map((s) => `${s.config.name} ${s.config.startType} ${s.config.account ?? ""} ${s.state}`)
        .sort(),
      registry,
      files,
      certificates: host.certs
        .list()
        .map((store) => `${store.path}: ${store.list().map((e) => e.certificate.thumbprint).sort().join(",")}`)
        .sort(),
      iis: iis ? iis.sites().map((site) => `${site.name} ${site.bindings.map((b) => `${b.protocol}:${b.port}:${b.certificateThumbprint ?? ""}`).join(",")} ${site.applications.map((a) => a.path).join(",")}`) : [],
      firewall: host.firewall.rules().map((r) => JSON.stringify(r)).sort(),
    };
  }
  return out;
}

/** What differs between two snapshots, as "HOST.part.key: before -> after" lines. */
export function snapshotDiff(before: EstateSnapshot, after: EstateSnapshot): string[] {
  const lines: string[] = [];
  for (const host of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[host] ?? {};
    const b = after[host] ?? {};
    for (const part of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[part];
      const y = b[part];
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      if (isRecord(x) && isRecord(y)) {
        for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
          if (x[key] !== y[key]) lines.push(`${host}.${part}.${key}: ${String(x[key] ?? "absent")} -> ${String(y[key] ?? "absent")}`);
        }
      } else lines.push(`${host}.${part}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
    }
  }
  return lines;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function digest(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 12);
}
