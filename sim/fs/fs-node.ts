/** Tree nodes behind a FileSystem; children are keyed by lower-cased name. */
export interface DirNode {
  kind: "dir";
  name: string;
  readonly children: Map<string, FsNode>;
}

/** A file's content is never mutated in place: a write installs a new node. */
export interface FileNode {
  kind: "file";
  name: string;
  readonly content: Uint8Array;
  readonly size: number;
  readonly version?: string;
}

export type FsNode = DirNode | FileNode;

export function newDir(name: string): DirNode {
  return { kind: "dir", name, children: new Map() };
}

/** Children in case-insensitive name order, so listings never depend on insertion order. */
export function sortedChildren(dir: DirNode): FsNode[] {
  return [...dir.children.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, node]) => node);
}

export function totalSize(node: FsNode): number {
  if (node.kind === "file") return node.size;
  let sum = 0;
  for (const child of node.children.values()) sum += totalSize(child);
  return sum;
}

/** Every node below `dir` (pre-order, sorted), with its path relative to `dir`. */
export function descendants(dir: DirNode, prefix: readonly string[] = []): { rel: string[]; node: FsNode }[] {
  const out: { rel: string[]; node: FsNode }[] = [];
  for (const child of sortedChildren(dir)) {
    const rel = [...prefix, child.name];
    out.push({ rel, node: child });
    if (child.kind === "dir") out.push(...descendants(child, rel));
  }
  return out;
}
