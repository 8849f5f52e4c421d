/** Tree nodes behind a FileSystem; children are keyed by lower-cased name. */
export interface DirNode {
  kind: "dir";
  name: string;
  readonly children: Map<string, FsNode>;
}

const utf8 = new TextEncoder();

/**
 * A file. Its content is never mutated in place: a write installs a new node.
 * A file written as text keeps the text, and its bytes are made from it only
 * when something asks for them (most files, databases and pages, are only
 * ever read back as text).
 */
export class FileNode {
  readonly kind = "file" as const;
  #bytes: Uint8Array | undefined;

  private constructor(
    public name: string,
    readonly size: number,
    readonly version: string | undefined,
    bytes: Uint8Array | undefined,
    /** The content as text, when UTF-8 gives that text back unchanged: reads need not decode it. */
    readonly text: string | undefined,
  ) {
    this.#bytes = bytes;
  }

  /** A file of these bytes (the node keeps them: pass a copy). */
  static ofBytes(name: string, bytes: Uint8Array, size: number, version: string | undefined): FileNode {
    return new FileNode(name, size, version, bytes, undefined);
  }

  /** A file of this text, encoded as UTF-8 (`ascii`: the caller knows it is, so there is nothing to look for). */
  static ofText(name: string, text: string, size: number, version: string | undefined, ascii = false): FileNode {
    // A lone surrogate does not survive UTF-8 (it becomes U+FFFD): such text is encoded now and not kept.
    // A leading BOM is dropped when text is read back (as TextDecoder does): such text is kept as bytes too.
    if (!ascii && (/[\uD800-\uDFFF]/.test(text) || text.startsWith("\uFEFF"))) return new FileNode(name, size, version, utf8.encode(text), undefined);
    return new FileNode(name, size, version, undefined, text);
  }

  get content(): Uint8Array {
    return (this.#bytes ??= utf8.encode(this.text!));
  }

  /** The same file under another name (a copy: nothing is shared that could change). */
  copyAs(name: string): FileNode {
    return new FileNode(name, this.size, this.version, this.#bytes?.slice(), this.text);
  }
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
