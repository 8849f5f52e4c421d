import { LabError } from "../kernel/index.ts";
import { foldName } from "./case-fold.ts";
import { CLASSES_ROOT_TARGET } from "./hives.ts";
import { parseKeyPath, type KeyPath } from "./key-path.ts";
import type { PhysicalPath, RegistryStore } from "./registry-store.ts";
import { validateRegValue, validateValueName, type RegValue } from "./reg-value.ts";
import type { RawValue } from "./value-codec.ts";
import { redirectFor32Bit, ruleChildrenOf } from "./wow64-redirect.ts";

/**
 * The registry as a process of one bitness sees it. Paths are "HKLM\..." or
 * "HKEY_LOCAL_MACHINE\..."; key and value names compare case-insensitively
 * and keep the case they were created with.
 */
export interface RegistryView {
  readonly bits: 32 | 64;
  /** Creates the key and its missing parents. */
  createKey(path: string): void;
  keyExists(path: string): boolean;
  /** False when the key did not exist; a key with subkeys needs `recursive`. */
  deleteKey(path: string, options?: { recursive?: boolean }): boolean;
  /** Creates the key when missing. */
  setValue(path: string, name: string, value: RegValue): void;
  getValue(path: string, name: string): RegValue | undefined;
  deleteValue(path: string, name: string): boolean;
  /** Subkey names, case as created, in the order Windows enumerates them. */
  listSubkeys(path: string): string[];
  /** Values in creation order. */
  listValues(path: string): { name: string; value: RegValue }[];
  /** Stores bytes under a type code as they are, as RegSetValueEx does (import uses it). */
  setRawValue(path: string, name: string, raw: RawValue): void;
  getRawValue(path: string, name: string): RawValue | undefined;
  listRawValues(path: string): { name: string; raw: RawValue }[];
  /** Where the key physically lives, e.g. "HKLM\SOFTWARE\WOW6432Node\ANIXIS". */
  physicalPath(path: string): string;
  /** The path as regedit writes it: long root name, existing keys in their own case. */
  displayPath(path: string): string;
}

/**
 * Where a parsed path lands, per kind of view (redirecting or not): a pure
 * function of the frozen, memoised KeyPath, so one module-level memo serves
 * every host of every lab (weak: it goes when the parse memo lets go).
 */
const RESOLVED = { direct: new WeakMap<KeyPath, PhysicalPath>(), redirected: new WeakMap<KeyPath, PhysicalPath>() };

export class StoreView implements RegistryView {
  readonly #resolved: WeakMap<KeyPath, PhysicalPath>;

  constructor(
    readonly bits: 32 | 64,
    private readonly store: RegistryStore,
    /** True for the 32-bit view on a 64-bit OS, the only view WOW64 redirects. */
    private readonly redirects: boolean,
  ) {
    this.#resolved = redirects ? RESOLVED.redirected : RESOLVED.direct;
  }

  createKey(path: string): void {
    this.store.ensure(this.#resolve(parseKeyPath(path)));
  }

  keyExists(path: string): boolean {
    return this.store.find(this.#resolve(parseKeyPath(path))) !== undefined;
  }

  deleteKey(path: string, options: { recursive?: boolean } = {}): boolean {
    const parsed = parseKeyPath(path);
    // Hive roots and the hives mounted right below HKLM and HKU cannot be deleted on Windows either.
    const mountDepth = parsed.hive.id === "HKLM" || parsed.hive.id === "HKU" ? 1 : 0;
    if (parsed.segments.length <= mountDepth) {
      throw new LabError({ code: "REG_ACCESS_DENIED", message: `"${path}" is a hive root or mount point and cannot be deleted`, details: { path } });
    }
    const physical = this.#resolve(parsed);
    const node = this.store.find(physical);
    if (!node) return false;
    if (node.hasChildren && !options.recursive) {
      throw new LabError({
        code: "REG_KEY_HAS_SUBKEYS",
        message: `"${path}" has subkeys (${node.children().map((c) => c.name).join(", ")})`,
        remedy: "delete the subkeys first or pass { recursive: true }",
        details: { path },
      });
    }
    return this.store.removeKey(physical);
  }

  setValue(path: string, name: string, value: RegValue): void {
    validateValueName(name);
    validateRegValue(value);
    this.store.setTypedValue(this.#resolve(parseKeyPath(path)), name, value);
  }

  getValue(path: string, name: string): RegValue | undefined {
    validateValueName(name);
    return this.store.find(this.#resolve(parseKeyPath(path)))?.value(name)?.typed();
  }

  deleteValue(path: string, name: string): boolean {
    validateValueName(name);
    return this.store.deleteValue(this.#resolve(parseKeyPath(path)), name);
  }

  listSubkeys(path: string): string[] {
    const base = this.#base(parseKeyPath(path));
    const node = this.store.find(this.#redirect(base));
    if (!node) throw notFound(path);
    if (!this.redirects) return node.children().map((c) => c.name);
    // A 32-bit listing mixes the redirected key's subkeys with shared keys that live outside it.
    const candidates = [...node.children().map((c) => c.name), ...ruleChildrenOf(base)];
    const seen = new Map<string, string>();
    for (const name of candidates) {
      const folded = foldName(name);
      if (seen.has(folded)) continue;
      const child = this.store.find(this.#redirect({ hive: base.hive, segments: [...base.segments, name] }));
      if (child) seen.set(folded, foldName(child.name) === folded ? child.name : name);
    }
    return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, name]) => name);
  }

  listValues(path: string): { name: string; value: RegValue }[] {
    const values = this.store.values(this.#resolve(parseKeyPath(path)));
    if (!values) throw notFound(path);
    return values.map((stored) => ({ name: stored.name, value: stored.typed() }));
  }

  setRawValue(path: string, name: string, raw: RawValue): void {
    validateValueName(name);
    if (!Number.isInteger(raw?.typeCode) || raw.typeCode < 0 || raw.typeCode > 0xffffffff || !(raw.data instanceof Uint8Array)) {
      throw new LabError({ code: "REG_BAD_VALUE", message: "a raw value needs an integer typeCode from 0 to 0xFFFFFFFF and Uint8Array data" });
    }
    this.store.setValue(this.#resolve(parseKeyPath(path)), name, raw);
  }

  getRawValue(path: string, name: string): RawValue | undefined {
    validateValueName(name);
    const stored = this.store.find(this.#resolve(parseKeyPath(path)))?.value(name);
    return stored && { typeCode: stored.raw.typeCode, data: stored.raw.data.slice() };
  }

  listRawValues(path: string): { name: string; raw: RawValue }[] {
    const values = this.store.values(this.#resolve(parseKeyPath(path)));
    if (!values) throw notFound(path);
    return values.map(({ name, raw }) => ({ name, raw: { typeCode: raw.typeCode, data: raw.data.slice() } }));
  }

  physicalPath(path: string): string {
    return this.store.format(this.#resolve(parseKeyPath(path)));
  }

  displayPath(path: string): string {
    const parsed = parseKeyPath(path);
    const names = parsed.segments.map((segment, i) => {
      const prefix = { hive: parsed.hive, segments: parsed.segments.slice(0, i + 1) };
      // A redirected key's own node is WOW6432Node; its name then comes from the unredirected key.
      for (const physical of [this.#resolve(prefix), this.#base(prefix)]) {
        const node = this.store.find(physical);
        if (node && foldName(node.name) === foldName(segment)) return node.name;
      }
      return segment;
    });
    return [parsed.hive.longName, ...names].join("\\");
  }

  #resolve(path: KeyPath): PhysicalPath {
    // Parsed paths are memoised and frozen, so where one lands is worked out once per kind of view.
    let physical = this.#resolved.get(path);
    if (!physical) {
      physical = this.#redirect(this.#base(path));
      this.#resolved.set(path, physical);
    }
    return physical;
  }

  /** The physical path before WOW64 redirection: only HKCR needs mapping. */
  #base(path: KeyPath): PhysicalPath {
    if (path.hive.id === "HKCR") return { hive: "HKLM", segments: [...CLASSES_ROOT_TARGET, ...path.segments] };
    return { hive: path.hive.id, segments: path.segments };
  }

  #redirect(path: PhysicalPath): PhysicalPath {
    return this.redirects ? redirectFor32Bit(path) : path;
  }
}

function notFound(path: string): LabError {
  return new LabError({ code: "REG_KEY_NOT_FOUND", message: `registry key "${path}" does not exist`, details: { path } });
}
