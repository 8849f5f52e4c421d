import type { Rng } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import type { AprServerState } from "./server-state.ts";
import type { WebFailure } from "./web-interface.ts";

/** A running APR Server on one host: its state and how to take it off the network. */
export interface ServerRuntime {
  readonly host: string;
  readonly state: AprServerState;
  /** The folder the running server reads its database from (its files are locked meanwhile). */
  readonly databaseFolder: string;
  close(): void;
}

/** What a test user of the final checks and verifications is. */
export interface TestUser {
  readonly name: string;
  password: string;
  readonly answers: readonly { question: string; answer: string }[];
}

/**
 * All of APR's run-time state in one lab (`lab.state("apr", ...)`): running
 * servers, what the operator has open, the faults that live in the product,
 * and the facts remembered for checks (what a V2 database held before its
 * upgrade). Nothing of it lives in a module.
 */
export class AprWorld {
  readonly servers = new Map<string, ServerRuntime>();
  /** Hosts whose Data Console is open (it holds the database and SQL Server Compact). */
  readonly consoles = new Set<string>();
  /** Hosts with a third-party host firewall, and whether UDP 5100 is open in it. */
  readonly otherFirewalls = new Map<string, { open: boolean }>();
  /** Clock offset of a host, in ms (the freshness window sees it). */
  readonly clockSkewMs = new Map<string, number>();
  /** Users and audit rows a V2 database held when Setup upgraded it. */
  readonly v2Baseline = new Map<string, { users: number; audit: number }>();
  /** The database backup script of a server host: which folder it copies from, and to. */
  readonly backupScripts = new Map<string, { from: string; to: string }>();
  /** Server hosts whose database is on SQL Server, with the columns denied to Data Console users. */
  readonly sqlServer = new Map<string, { deniedColumns: Set<string> }>();
  /** Hosts whose IIS has the Web Interface handler registered. */
  readonly handlers = new Set<string>();
  /** Hosts whose service listener is attached. */
  readonly attached = new Set<string>();
  /** The operator's latest backups per host (folders on the host's disk). */
  readonly backups = new Map<string, { web?: { folder: string; version: string; at: number }; database?: { folder: string; at: number; consistent: boolean } }>();
  /** The last exchange of each Web Interface (host|vdir), for the diagnosis of a failed page. */
  readonly lastExchange = new Map<string, { failure?: WebFailure; traceId: number; sinceId: number }>();
  /** Customised web files (host\path -> marker text) the operator made, to see them lost or kept. */
  readonly customised = new Map<string, string>();
  readonly rng: Rng;
  #users = 0;

  constructor(lab: Lab) {
    this.rng = lab.rng.fork("apr");
  }

  static of(lab: Lab): AprWorld {
    return lab.state("apr", () => new AprWorld(lab));
  }

  /** A fresh test user name for the checks (created in the directory by the caller). */
  nextTestUserName(): string {
    return `apr-test${++this.#users}`;
  }

  key(host: string): string {
    return host.toUpperCase();
  }
}
