import { LabError } from "../kernel/index.ts";
import { CertificateStore, STORE_LOCATIONS, STORE_NAMES, type StoreEntry, type StoreLocation, type StoreName } from "./certificate-store.ts";
import { normalizeThumbprint } from "./thumbprint.ts";

export interface StoreHit {
  readonly location: StoreLocation;
  readonly name: StoreName;
  readonly entry: StoreEntry;
}

/**
 * All certificate stores of one host. Stores come into being when first
 * asked for, so "CurrentUser\Root is present" means something was put there
 * or someone opened it.
 */
export class CertificateStores {
  /** Made when the first store is opened: most hosts of a lab never open one. */
  #stores: Map<string, CertificateStore> | undefined;

  constructor(readonly host = "host") {}

  store(location: StoreLocation, name: StoreName): CertificateStore {
    if (!STORE_LOCATIONS.includes(location)) {
      throw new LabError({ code: "CERT_STORE_UNKNOWN", message: `unknown store location "${String(location)}"; known: ${STORE_LOCATIONS.join(", ")}` });
    }
    if (!STORE_NAMES.includes(name)) {
      throw new LabError({ code: "CERT_STORE_UNKNOWN", message: `unknown store "${String(name)}" in ${location}; known: ${STORE_NAMES.join(", ")}` });
    }
    const key = `${location}\\${name}`;
    const stores = (this.#stores ??= new Map());
    let store = stores.get(key);
    if (!store) {
      store = new CertificateStore(location, name);
      stores.set(key, store);
    }
    return store;
  }

  /** The store if it exists, without creating it. */
  existing(location: StoreLocation, name: StoreName): CertificateStore | undefined {
    return this.#stores?.get(`${location}\\${name}`);
  }

  /** Every store that exists, LocalMachine first, in a fixed order. */
  list(): CertificateStore[] {
    const out: CertificateStore[] = [];
    for (const location of STORE_LOCATIONS) {
      for (const name of STORE_NAMES) {
        const store = this.existing(location, name);
        if (store) out.push(store);
      }
    }
    return out;
  }

  /** The first store holding the thumbprint (case and spaces ignored), LocalMachine\My first. */
  findByThumbprint(thumbprint: string): StoreHit | undefined {
    const wanted = normalizeThumbprint(thumbprint);
    for (const store of this.list()) {
      const entry = store.get(wanted);
      if (entry) return { location: store.location, name: store.name, entry };
    }
    return undefined;
  }
}
