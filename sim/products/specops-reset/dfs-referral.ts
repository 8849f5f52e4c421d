import { createHash } from "node:crypto";

/**
 * Which DFS target a computer is referred to. With load balancing a client
 * gets the targets in random order once and keeps its referral (cached), so
 * the lab picks one per computer name, stable across restarts and seeds.
 */
export function dfsTargetFor(computer: string, targets: readonly string[]): string | undefined {
  if (targets.length === 0) return undefined;
  const digest = createHash("sha256").update(computer.toUpperCase()).digest();
  return targets[digest.readUInt32BE(0) % targets.length];
}

/** The same file under the referred target: \\ns\share\x.msi -> \\FS02\share\x.msi. */
export function underTarget(path: string, namespace: string, target: string): string | undefined {
  const ns = namespace.replace(/\\+$/, "");
  if (!path.toLowerCase().startsWith(`${ns.toLowerCase()}\\`)) return undefined;
  return `${target.replace(/\\+$/, "")}${path.slice(ns.length)}`;
}
