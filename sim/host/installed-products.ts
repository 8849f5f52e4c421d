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

/** Most hosts of a lab (DCs, workstations) never get a row: the table is made at the first one. */
export class InstalledProducts {
  #rows: Map<string, InstalledProduct> | undefined;

  add(product: InstalledProduct): void {
    (this.#rows ??= new Map()).set(product.productCode.toUpperCase(), product);
  }

  remove(productCode: string): InstalledProduct | undefined {
    const key = productCode.toUpperCase();
    const row = this.#rows?.get(key);
    this.#rows?.delete(key);
    return row;
  }

  byComponent(component: string): InstalledProduct | undefined {
    if (this.#rows) for (const row of this.#rows.values()) if (row.component === component) return row;
    return undefined;
  }

  byName(name: string): InstalledProduct[] {
    const needle = name.toLowerCase();
    return this.#all().filter((p) => p.name.toLowerCase().includes(needle));
  }

  list(): InstalledProduct[] {
    return this.#all().sort((a, b) => a.name.localeCompare(b.name));
  }

  #all(): InstalledProduct[] {
    return this.#rows ? [...this.#rows.values()] : [];
  }
}
