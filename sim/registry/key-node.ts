import { compareNames, foldName } from "./case-fold.ts";
import type { RegValue } from "./reg-value.ts";
import { decodeValue, encodeValue, type RawValue } from "./value-codec.ts";

/**
 * One value. Programs mostly write typed strings and numbers and read them
 * back typed, so a value written typed keeps that form and makes its bytes
 * only when something asks for them (an export, a raw read); a value written
 * as bytes is decoded once. Neither form is ever changed in place.
 */
export class StoredValue {
  #raw: RawValue | undefined;
  /** The typed form, when its data is immutable (a string or a number): it can be handed out again. */
  #type: "REG_SZ" | "REG_EXPAND_SZ" | "REG_DWORD" | undefined;
  #data: string | number | undefined;

  private constructor(
    /** The name as first written (case preserved). */
    readonly name: string,
    raw: RawValue | undefined,
  ) {
    this.#raw = raw;
  }

  /** `raw` is kept as it is: the caller hands over bytes nothing else holds. */
  static ofRaw(name: string, raw: RawValue): StoredValue {
    return new StoredValue(name, raw);
  }

  /** A value already validated; strings and numbers are kept typed (they read back exactly as written). */
  static ofTyped(name: string, value: RegValue): StoredValue {
    if (value.type !== "REG_SZ" && value.type !== "REG_EXPAND_SZ" && value.type !== "REG_DWORD") return new StoredValue(name, encodeValue(value));
    const stored = new StoredValue(name, undefined);
    stored.#type = value.type;
    // `>>> 0` as the bytes would give it back (-0 reads as 0).
    stored.#data = value.type === "REG_DWORD" ? value.data >>> 0 : value.data;
    return stored;
  }

  get raw(): RawValue {
    return (this.#raw ??= encodeValue({ type: this.#type, data: this.#data } as RegValue));
  }

  /** The value as a program reads it; a new object each time, bytes copied. */
  typed(): RegValue {
    if (this.#type === undefined) {
      const value = decodeValue(this.#raw!);
      if (value.type !== "REG_SZ" && value.type !== "REG_EXPAND_SZ" && value.type !== "REG_DWORD") return value;
      this.#type = value.type;
      this.#data = value.data;
    }
    return { type: this.#type, data: this.#data } as RegValue;
  }
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
  setValue(name: string, typed: RegValue | undefined, raw: RawValue | undefined): string {
    const key = foldName(name);
    const values = (this.#values ??= new Map());
    const stored = values.get(key)?.name ?? name;
    values.set(key, typed ? StoredValue.ofTyped(stored, typed) : StoredValue.ofRaw(stored, raw!));
    return stored;
  }

  deleteValue(name: string): boolean {
    return this.#values?.delete(foldName(name)) ?? false;
  }

  values(): StoredValue[] {
    return this.#values ? [...this.#values.values()] : [];
  }
}
