import { foldName } from "./case-fold.ts";
import type { PhysicalPath } from "./registry-store.ts";
import { WOW64_KEYS, WOW_NODE, type Wow64KeyRule } from "./wow64-keys.ts";

interface CompiledRule {
  readonly folded: readonly string[];
  readonly kind: Wow64KeyRule["kind"];
  /** How many path segments (hive included) precede the WOW6432Node key. */
  readonly nodeDepth: number;
}

const COMPILED: readonly CompiledRule[] = WOW64_KEYS.map((rule) => ({
  folded: split(rule.path),
  kind: rule.kind,
  nodeDepth: rule.wowNodeUnder ? split(rule.wowNodeUnder).length : 0,
})).sort((a, b) => b.folded.length - a.folded.length);

const FOLDED_WOW_NODE = foldName(WOW_NODE);

/** Where a 32-bit process on 64-bit Windows really reads and writes `path`. */
export function redirectFor32Bit(path: PhysicalPath): PhysicalPath {
  const folded = [path.hive, ...path.segments.map(foldName)];
  const rule = COMPILED.find((r) => r.folded.length <= folded.length && r.folded.every((s, i) => s === folded[i]));
  if (!rule || rule.kind === "shared") return path;
  const at = rule.nodeDepth - 1; // index in `segments` of the WOW6432Node key
  // A path that already names the node is not redirected a second time.
  if (folded[rule.nodeDepth] === FOLDED_WOW_NODE) return path;
  return { hive: path.hive, segments: [...path.segments.slice(0, at), WOW_NODE, ...path.segments.slice(at)] };
}

/**
 * Subkey names below `path` that rules mention: a 32-bit listing must show
 * them even though they live outside the WOW6432Node key (shared keys).
 */
export function ruleChildrenOf(path: PhysicalPath): string[] {
  const folded = [path.hive, ...path.segments.map(foldName)];
  const names: string[] = [];
  for (const rule of WOW64_KEYS) {
    const parts = rule.path.split("\\");
    if (parts.length <= folded.length) continue;
    if (parts.slice(0, folded.length).every((p, i) => foldName(p) === folded[i])) names.push(parts[folded.length]!);
  }
  return names;
}

function split(path: string): string[] {
  return path.split("\\").map(foldName);
}
