import { compareNames, foldName } from "./case-fold.ts";
import type { RawValue } from "./value-codec.ts";

export interface StoredValue {
  /** The name as first written (case preserved). */
  readonly name: string;
  readonly raw: RawValue;
}

/** One key: its name as created, its subkeys, and its values in creation order. */
export class KeyNode {
  readonly #children = new Map<string, KeyNode>();
  readonly #values = new Map<string, StoredValue>();

  constructor(readonly name: string) {}

  child(name: string): KeyNode | undefined {
    return this.#children.get(foldName(name));
  }

  /** Returns the existing subkey (keeping its case) or a new one. */
  ensureChild(name: string): { node: KeyNode; created: boolean } {
    const existing = this.child(name);
    if (existing) return { node: existing, created: false };
    const node = new KeyNode(name);
    this.#children.set(foldName(name), node);
    return { node, created: true };
  }

  removeChild(name: string): boolean {
    return this.#children.delete(foldName(name));
  }

  /** Subkeys in the order Windows enumerates them (sorted, case-insensitively). */
  children(): KeyNode[] {
    return [...this.#children.values()].sort((a, b) => compareNames(a.name, b.name));
  }

  get hasChildren(): boolean {
    return this.#children.size > 0;
  }

  value(name: string): StoredValue | undefined {
    return this.#values.get(foldName(name));
  }

  /** Overwriting keeps the first name's case and position, as Windows does. */
  setValue(name: string, raw: RawValue): void {
    const key = foldName(name);
    const existing = this.#values.get(key);
    this.#values.set(key, { name: existing?.name ?? name, raw });
  }

  deleteValue(name: string): boolean {
    return this.#values.delete(foldName(name));
  }

  values(): StoredValue[] {
    return [...this.#values.values()];
  }
}
