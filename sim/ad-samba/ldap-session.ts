import { Attribute, Change, Client, type Entry } from "ldapts";
import { LabError } from "../kernel/index.ts";
import { ldapFailureOf, type LdapFailure } from "./directory-error-from-ldap.ts";

export type LdapValue = string | Buffer;

export interface LdapChange {
  readonly operation: "add" | "delete" | "replace";
  readonly type: string;
  readonly values: readonly LdapValue[];
}

export interface LdapSearch {
  readonly scope?: "base" | "one" | "sub";
  readonly filter?: string;
  readonly attributes?: readonly string[];
  /** Attributes to return as bytes (SIDs). */
  readonly binary?: readonly string[];
}

/**
 * One LDAPS connection, its operations queued one at a time (a bind changes
 * who the next operation runs as, so two callers must not interleave).
 * A refusal by the DC comes back as data (`LdapFailure`); a connection that
 * cannot be made, or an answer that is no refusal, is a LabError.
 */
export class LdapSession {
  readonly #client: Client;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * `keepBound`: after the DC drops an idle connection, bind again as before
   * (for the Administrator session). Off for sessions that bind as users: a
   * replayed bind is a logon, and would clear the user's badPwdCount unseen.
   */
  constructor(readonly url: string, options: { keepBound?: boolean } = {}) {
    // The throwaway DC's certificate is self-signed: nothing to verify it against.
    this.#client = new Client({ url, tlsOptions: { rejectUnauthorized: false }, connectTimeout: 10_000, timeout: 60_000, autoRebind: options.keepBound === true });
  }

  /** Runs `work` with nobody else's operation in between. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  bind(dn: string, password: string): Promise<LdapFailure | undefined> {
    return this.#refusable("bind", () => this.#client.bind(dn, password));
  }

  modify(dn: string, changes: readonly LdapChange[]): Promise<LdapFailure | undefined> {
    const ldapChanges = changes.map((c) => new Change({ operation: c.operation, modification: new Attribute({ type: c.type, values: [...c.values] as string[] | Buffer[] }) }));
    return this.#refusable(`modify ${dn}`, () => this.#client.modify(dn, ldapChanges));
  }

  add(dn: string, attributes: Record<string, LdapValue | readonly LdapValue[]>): Promise<LdapFailure | undefined> {
    const list = Object.entries(attributes).map(([type, v]) => new Attribute({ type, values: (Array.isArray(v) ? [...v] : [v]) as string[] | Buffer[] }));
    return this.#refusable(`add ${dn}`, () => this.#client.add(dn, list));
  }

  /** Entries found; a base that does not exist is an empty answer, not an error. */
  async search(base: string, search: LdapSearch = {}): Promise<Entry[]> {
    let entries: Entry[] = [];
    const failure = await this.#refusable(`search ${base}`, async () => {
      const result = await this.#client.search(base, {
        scope: search.scope ?? "sub",
        filter: search.filter ?? "(objectClass=*)",
        attributes: search.attributes ? [...search.attributes] : [],
        explicitBufferAttributes: search.binary ? [...search.binary] : [],
      });
      entries = result.searchEntries;
    });
    if (failure && failure.ldapCode !== 32) throw unexpected(`search under ${base}`, failure);
    return failure ? [] : entries;
  }

  async close(): Promise<void> {
    try {
      await this.#client.unbind();
    } catch {
      // already closed
    }
  }

  async #refusable(what: string, run: () => Promise<void>): Promise<LdapFailure | undefined> {
    try {
      await run();
      return undefined;
    } catch (error) {
      const failure = ldapFailureOf(error);
      if (failure) return failure;
      throw new LabError({
        code: "SAMBA_UNREACHABLE",
        message: `LDAP ${what} on ${this.url} failed: ${error instanceof Error ? error.message : String(error)}`,
        remedy: "check that the Samba DC is still running (its output is in the start error, if it died)",
      });
    }
  }
}

/** A DC answer the caller has no directory meaning for. */
export function unexpected(what: string, failure: LdapFailure): LabError {
  return new LabError({
    code: "SAMBA_UNEXPECTED_ANSWER",
    message: `${what}: LDAP ${failure.ldapCode}: ${failure.diagnostic}`,
    details: { ldapCode: failure.ldapCode, diagnostic: failure.diagnostic },
  });
}
