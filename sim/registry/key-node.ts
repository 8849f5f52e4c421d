import { compareNames, foldName } from "./case-fold.ts";
import type { RawValue } from "./value-codec.ts";

export interface StoredValue {
  /** The name as first written (case preserved). */
  readonly name: string;
  readonly raw: RawValue;
}

/**
 * One key: its name as created, its subkeys, and its values in creation order.
 * Most keys hold only subkeys or only values, so each map is made when first
 * needed (every host's registry is built from scratch in every run).
 */
export class KeyNode {
  #children: Map<string, KeyNode> | undefined;
  #values: Map<string, StoredValue> | undefined;

  constructor(readonly name: string) {}

  child(name: string): KeyNode | undefined {
    return this.#children?.get(foldName(name));
  }

  /** A new subkey; the caller knows none of that name exists. */
  addChild(name: string): KeyNode {
    const node = new KeyNode(name);
    (this.#children ??= new Map()).set(foldName(name), node);
    return node;
  }

  removeChild(name: string): boolean {
    return this.#children?.delete(foldName(name)) ?? false;
  }

  /** Subkeys in the order Windows enumerates them (sorted, case-insensitively). */
  children(): KeyNode[] {
    return this.#children ? [...this.#children.values()].sort((a, b) => compareNames(a.name, b.name)) : [];
  }

  get hasChildren(): boolean {
    return (this.#children?.size ?? 0) > 0;
  }

  value(name: string): StoredValue | undefined {
    return this.#values?.get(foldName(name));
  }

  /** Overwriting keeps the first name's case and position, as Windows does; returns the stored name. */
  setValue(name: string, raw: RawValue): string {
    const key = foldName(name);
    const values = (this.#values ??= new Map());
    const stored = values.get(key)?.name ?? name;
    values.set(key, { name: stored, raw });
    return stored;
  }

  deleteValue(name: string): boolean {
    return this.#values?.delete(foldName(name)) ?? false;
  }

  values(): StoredValue[] {
    return this.#values ? [...this.#values.values()] : [];
  }
}
