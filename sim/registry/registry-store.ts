import { KeyNode, type StoredValue } from "./key-node.ts";
import type { RegistryChange } from "./registry-change.ts";
import type { RegValue } from "./reg-value.ts";
import type { RawValue } from "./value-codec.ts";

/** The hives that hold keys of their own (HKCR is mapped onto HKLM). */
export type StorageHive = "HKLM" | "HKCU" | "HKU";

/** A physical key: its hive, then subkey names. */
export interface PhysicalPath {
  readonly hive: StorageHive;
  readonly segments: readonly string[];
}

/**
 * The physical key tree of one host. Views translate their paths into
 * physical ones; every write lands here and is reported through onChange.
 */
export class RegistryStore {
  readonly #roots = new Map<StorageHive, KeyNode>([
    ["HKLM", new KeyNode("HKLM")],
    ["HKCU", new KeyNode("HKCU")],
    ["HKU", new KeyNode("HKU")],
  ]);

  constructor(private readonly onChange?: (change: RegistryChange) => void) {}

  find(path: PhysicalPath): KeyNode | undefined {
    let node: KeyNode | undefined = this.#root(path.hive);
    for (const segment of path.segments) {
      node = node.child(segment);
      if (!node) return undefined;
    }
    return node;
  }

  /** Creates the key and any missing parents, reporting each new key. */
  ensure(path: PhysicalPath, silent = false): KeyNode {
    return this.#ensure(path, silent).node;
  }

  /** `ensure`, with the path in stored case (what `format` gives) when someone listens for changes. */
  #ensure(path: PhysicalPath, silent: boolean): { node: KeyNode; shown: string | undefined } {
    let node = this.#root(path.hive);
    let shown: string | undefined = this.onChange ? path.hive : undefined;
    for (const segment of path.segments) {
      const existing = node.child(segment);
      node = existing ?? node.addChild(segment);
      if (shown === undefined) continue;
      shown = `${shown}\\${node.name}`;
      if (!existing && !silent) this.#emit({ kind: "create-key", path: shown });
    }
    return { node, shown };
  }

  /** Removes a key with everything below it; the caller decides whether that is allowed. */
  removeKey(path: PhysicalPath): boolean {
    const parent = this.find({ hive: path.hive, segments: path.segments.slice(0, -1) });
    const last = path.segments[path.segments.length - 1];
    if (!parent || last === undefined) return false;
    const display = this.format(path);
    if (!parent.removeChild(last)) return false;
    this.#emit({ kind: "delete-key", path: display });
    return true;
  }

  /** Stores a copy of `raw`. */
  setValue(path: PhysicalPath, name: string, raw: RawValue): void {
    this.#set(path, name, undefined, { typeCode: raw.typeCode, data: raw.data.slice() });
  }

  /** Stores a validated typed value (its bytes are made when asked for). */
  setTypedValue(path: PhysicalPath, name: string, value: RegValue): void {
    this.#set(path, name, value, undefined);
  }

  #set(path: PhysicalPath, name: string, typed: RegValue | undefined, raw: RawValue | undefined): void {
    const { node, shown } = this.#ensure(path, false);
    const stored = node.setValue(name, typed, raw);
    if (shown !== undefined) this.#emit({ kind: "set-value", path: shown, name: stored });
  }

  deleteValue(path: PhysicalPath, name: string): boolean {
    const node = this.find(path);
    const stored = node?.value(name);
    if (!node || !stored) return false;
    node.deleteValue(name);
    this.#emit({ kind: "delete-value", path: this.format(path), name: stored.name });
    return true;
  }

  values(path: PhysicalPath): StoredValue[] | undefined {
    return this.find(path)?.values();
  }

  /** "HKLM\SOFTWARE\..." with each existing key's own case. */
  format(path: PhysicalPath): string {
    const names: string[] = [path.hive];
    let node: KeyNode | undefined = this.#root(path.hive);
    for (const segment of path.segments) {
      node = node?.child(segment);
      names.push(node?.name ?? segment);
    }
    return names.join("\\");
  }

  #root(hive: StorageHive): KeyNode {
    return this.#roots.get(hive)!;
  }

  #emit(change: RegistryChange): void {
    this.onChange?.(change);
  }
}
