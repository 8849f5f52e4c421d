import { LabError } from "../kernel/index.ts";
import { LabCertificate } from "./lab-certificate.ts";
import { normalizeThumbprint } from "./thumbprint.ts";

export type StoreLocation = "LocalMachine" | "CurrentUser";
export type StoreName = "My" | "Root" | "CA" | "TrustedPeople";

export const STORE_LOCATIONS: readonly StoreLocation[] = Object.freeze(["LocalMachine", "CurrentUser"]);
export const STORE_NAMES: readonly StoreName[] = Object.freeze(["My", "Root", "CA", "TrustedPeople"]);

/** A certificate as a store holds it: the key and friendly name belong to the entry, not the certificate. */
export interface StoreEntry {
  readonly certificate: LabCertificate;
  readonly friendlyName?: string;
  /** PKCS#8, PEM; present when the entry "has a private key". */
  readonly privateKeyPem?: string;
}

/** One Windows certificate store, e.g. Cert:\LocalMachine\My. Entries are keyed by thumbprint. */
export class CertificateStore {
  readonly #entries = new Map<string, StoreEntry>();

  constructor(
    readonly location: StoreLocation,
    readonly name: StoreName,
  ) {}

  /** The PowerShell path of this store, for messages. */
  get path(): string {
    return `Cert:\\${this.location}\\${this.name}`;
  }

  /**
   * Adds a certificate. Adding one that is already there merges, as a second
   * import does on Windows: a private key or friendly name already on the
   * entry stays unless the new entry brings its own.
   */
  add(entry: StoreEntry): void {
    if (!entry || !(entry.certificate instanceof LabCertificate)) {
      throw new LabError({ code: "CERT_ENTRY_INVALID", message: `${this.path}: add() needs { certificate: LabCertificate, friendlyName?, privateKeyPem? }` });
    }
    if (entry.privateKeyPem !== undefined && !entry.certificate.matchesPrivateKey(entry.privateKeyPem)) {
      throw new LabError({
        code: "CERT_KEY_MISMATCH",
        message: `${this.path}: the private key does not belong to certificate ${entry.certificate.thumbprint} (${entry.certificate.subject})`,
        remedy: "import the certificate together with its own key (the .pfx it was issued with)",
        details: { thumbprint: entry.certificate.thumbprint },
      });
    }
    const previous = this.#entries.get(entry.certificate.thumbprint);
    const friendlyName = entry.friendlyName ?? previous?.friendlyName;
    const privateKeyPem = entry.privateKeyPem ?? previous?.privateKeyPem;
    this.#entries.set(
      entry.certificate.thumbprint,
      Object.freeze({
        certificate: entry.certificate,
        ...(friendlyName !== undefined ? { friendlyName } : {}),
        ...(privateKeyPem !== undefined ? { privateKeyPem } : {}),
      }),
    );
  }

  remove(thumbprint: string): boolean {
    return this.#entries.delete(normalizeThumbprint(thumbprint));
  }

  get(thumbprint: string): StoreEntry | undefined {
    return this.#entries.get(normalizeThumbprint(thumbprint));
  }

  has(thumbprint: string): boolean {
    return this.#entries.has(normalizeThumbprint(thumbprint));
  }

  /** Friendly names compare case-insensitively, as the certificate MMC snap-in does. */
  findByFriendlyName(name: string): StoreEntry[] {
    const wanted = String(name).toLowerCase();
    return this.list().filter((e) => e.friendlyName?.toLowerCase() === wanted);
  }

  /** Case-insensitive substring of the subject, like `certutil -store My <text>`. */
  findBySubject(text: string): StoreEntry[] {
    const wanted = String(text).toLowerCase();
    return this.list().filter((e) => e.certificate.subject.toLowerCase().includes(wanted));
  }

  /** Entries in the order they were first added. */
  list(): StoreEntry[] {
    return [...this.#entries.values()];
  }

  certificates(): LabCertificate[] {
    return this.list().map((e) => e.certificate);
  }

  get size(): number {
    return this.#entries.size;
  }
}
