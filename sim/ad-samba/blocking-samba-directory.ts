import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DirectoryResult, LockoutPolicy, PasswordPolicy, UserView } from "../ad/index.ts";
import { LabError } from "../kernel/index.ts";
import { ANSWERED, ANSWER_BYTES, PENDING, type BlockingMethod, type BlockingWorkerData } from "./blocking-protocol.ts";
import type { SambaDcEndpoint } from "./samba-domain.ts";

const CALL_TIMEOUT_MS = 60_000;

/**
 * The Samba directory with synchronous calls, for a caller written against
 * the synchronous in-memory directory (the APR Server's directory port handles
 * a datagram in one go). The LDAP work runs on a worker thread; this thread
 * waits on shared memory (Atomics.wait) for each answer, so its own event
 * loop stands still for the length of one LDAP exchange, as a blocking LDAP
 * call would hold a real server's thread.
 */
export class BlockingSambaDirectory {
  readonly #worker: Worker;
  #closed = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  static async open(endpoint: SambaDcEndpoint, credentials: ReadonlyArray<readonly [string, string]> = []): Promise<BlockingSambaDirectory> {
    const workerData: BlockingWorkerData = { endpoint, credentials };
    const worker = typeScriptWorker(new URL("./samba-directory-worker.ts", import.meta.url), workerData);
    const ready = await new Promise<{ ready: boolean; code?: string; message?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    if (!ready.ready) {
      await worker.terminate();
      throw new LabError({ code: ready.code ?? "SAMBA_WORKER_ERROR", message: `the directory worker could not connect: ${ready.message}` });
    }
    return new BlockingSambaDirectory(worker);
  }

  findUser(name: string): UserView | undefined {
    return (this.#call("findUser", [name]) as UserView | null) ?? undefined;
  }

  checkPassword(user: string, password: string): DirectoryResult {
    return this.#call("checkPassword", [user, password]) as DirectoryResult;
  }

  resetPassword(actor: string, user: string, newPassword: string, options: { mustChange?: boolean; unlock?: boolean } = {}): DirectoryResult {
    return this.#call("resetPassword", [actor, user, newPassword, options]) as DirectoryResult;
  }

  changePassword(user: string, oldPassword: string, newPassword: string): DirectoryResult {
    return this.#call("changePassword", [user, oldPassword, newPassword]) as DirectoryResult;
  }

  unlock(actor: string, user: string): DirectoryResult {
    return this.#call("unlock", [actor, user]) as DirectoryResult;
  }

  isMemberOf(user: string, group: string): boolean {
    return this.#call("isMemberOf", [user, group]) as boolean;
  }

  canResetPassword(actor: string, user: string): boolean {
    return this.#call("canResetPassword", [actor, user]) as boolean;
  }

  passwordPolicy(): PasswordPolicy {
    return this.#call("passwordPolicy", []) as PasswordPolicy;
  }

  lockoutPolicy(): LockoutPolicy {
    return this.#call("lockoutPolicy", []) as LockoutPolicy;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const exited = new Promise((resolve) => this.#worker.once("exit", resolve));
    this.#worker.postMessage("close");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await this.#worker.terminate();
  }

  #call(method: BlockingMethod, args: readonly unknown[]): unknown {
    if (this.#closed) throw new LabError({ code: "SAMBA_WORKER_CLOSED", message: `${method} on a closed blocking directory` });
    const shared = new SharedArrayBuffer(8 + ANSWER_BYTES);
    const header = new Int32Array(shared, 0, 2);
    this.#worker.postMessage({ method, args, shared });
    if (Atomics.wait(header, 0, PENDING, CALL_TIMEOUT_MS) === "timed-out") {
      throw new LabError({ code: "SAMBA_WORKER_TIMEOUT", message: `${method} got no answer from the directory worker within ${CALL_TIMEOUT_MS} ms` });
    }
    const value = JSON.parse(new TextDecoder().decode(new Uint8Array(shared, 8, header[1]!).slice())) as unknown;
    if (Atomics.load(header, 0) === ANSWERED) return value;
    const failure = value as { code: string; message: string };
    throw new LabError({ code: failure.code, message: failure.message });
  }
}

/**
 * A worker running a TypeScript module, like the rest of the lab: a worker
 * does not inherit the parent's tsx loader (and `--import` is no worker
 * option in Node 20), so a one-line bootstrap registers tsx's ESM hooks in the
 * worker, then imports the module.
 */
function typeScriptWorker(module: URL, workerData: unknown): Worker {
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
