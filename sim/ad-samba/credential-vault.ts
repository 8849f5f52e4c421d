/**
 * The passwords the backend may act with. A real DC authenticates every
 * operation, so resetting "as helpdesk" means binding as helpdesk: the
 * in-memory directory trusts an actor's name, the Samba backend needs the
 * actor's password, as a product needs its service account's. Keys are
 * sAMAccountNames, case-insensitive; a reset or change made through the
 * backend keeps the vault current.
 */
export class CredentialVault {
  readonly #passwords = new Map<string, string>();

  set(samAccountName: string, password: string): void {
    this.#passwords.set(samAccountName.toLowerCase(), password);
  }

  get(samAccountName: string): string | undefined {
    return this.#passwords.get(samAccountName.toLowerCase());
  }

  has(samAccountName: string): boolean {
    return this.#passwords.has(samAccountName.toLowerCase());
  }

  /** Updates a password the vault already holds; the vault never learns new accounts by itself. */
  refresh(samAccountName: string, password: string): void {
    if (this.has(samAccountName)) this.set(samAccountName, password);
  }
}
