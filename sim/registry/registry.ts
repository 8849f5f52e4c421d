import { LabError } from "../kernel/index.ts";
import type { RegistryChange } from "./registry-change.ts";
import { RegistryStore, type PhysicalPath } from "./registry-store.ts";
import { StoreView, type RegistryView } from "./registry-view.ts";
import { WOW_NODE } from "./wow64-keys.ts";

export interface RegistryOptions {
  /** A 64-bit OS has a separate, redirected 32-bit view; a 32-bit OS has one view. */
  readonly is64Bit: boolean;
  /** Called after every write with the physical path it touched. */
  readonly onChange?: (change: RegistryChange) => void;
}

/** Keys every Windows install has, created before anything can observe them. */
const STANDARD_KEYS: readonly PhysicalPath[] = [
  { hive: "HKLM", segments: ["SOFTWARE", "Classes"] },
  { hive: "HKLM", segments: ["SYSTEM"] },
  { hive: "HKCU", segments: ["Software", "Classes"] },
];

const WOW64_KEYS: readonly PhysicalPath[] = [
  { hive: "HKLM", segments: ["SOFTWARE", WOW_NODE] },
  { hive: "HKLM", segments: ["SOFTWARE", "Classes", WOW_NODE] },
];

const KEYS_64: readonly PhysicalPath[] = [...STANDARD_KEYS, ...WOW64_KEYS];

/** The registry of one host. */
export class Registry {
  readonly is64Bit: boolean;
  readonly #view32: RegistryView;
  readonly #view64: RegistryView;

  constructor(options: RegistryOptions) {
    if (typeof options?.is64Bit !== "boolean") {
      throw new LabError({ code: "REG_BAD_OPTIONS", message: "new Registry({ is64Bit }) needs is64Bit to be true or false" });
    }
    this.is64Bit = options.is64Bit;
    const store = new RegistryStore(options.onChange);
    for (const key of this.is64Bit ? KEYS_64 : STANDARD_KEYS) store.ensure(key, true);
    if (this.is64Bit) {
      this.#view64 = new StoreView(64, store, false);
      this.#view32 = new StoreView(32, store, true);
    } else {
      // No WOW64 on a 32-bit OS: asking for either bitness gives the one native view.
      this.#view32 = new StoreView(32, store, false);
      this.#view64 = this.#view32;
    }
  }

  view(bits: 32 | 64): RegistryView {
    if (bits === 32) return this.#view32;
    if (bits === 64) return this.#view64;
    throw new LabError({ code: "REG_BAD_VIEW", message: `registry view must be 32 or 64, got ${String(bits)}` });
  }
}
