/** One row of "Programs and Features" (the MSI installed-products table). */
export interface InstalledProduct {
  readonly productCode: string;
  readonly name: string;
  readonly version: string;
  readonly arch: "x86" | "x64";
  readonly installFolder: string;
  readonly publisher?: string;
  /** The lab's component id, so products find their own rows. */
  readonly component?: string;
}

export class InstalledProducts {
  readonly #rows = new Map<string, InstalledProduct>();

  add(product: InstalledProduct): void {
    this.#rows.set(product.productCode.toUpperCase(), product);
  }

  remove(productCode: string): InstalledProduct | undefined {
    const key = productCode.toUpperCase();
    const row = this.#rows.get(key);
    this.#rows.delete(key);
    return row;
  }

  byComponent(component: string): InstalledProduct | undefined {
    return [...this.#rows.values()].find((p) => p.component === component);
  }

  byName(name: string): InstalledProduct[] {
    const needle = name.toLowerCase();
    return [...this.#rows.values()].filter((p) => p.name.toLowerCase().includes(needle));
  }

  list(): InstalledProduct[] {
    return [...this.#rows.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
