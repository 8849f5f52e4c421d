/**
 * The worker side of BlockingSambaDirectory: an ordinary (async)
 * SambaDirectoryService on its own event loop, answering one call at a time
 * into shared memory while the caller's thread waits.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ANSWERED, ANSWER_BYTES, FAILED, type BlockingRequest, type BlockingWorkerData } from "./blocking-protocol.ts";
import { CredentialVault } from "./credential-vault.ts";
import { SambaDirectoryService } from "./samba-directory-service.ts";

const data = workerData as BlockingWorkerData;
const credentials = new CredentialVault();
for (const [sam, password] of data.credentials) credentials.set(sam, password);

function answer(shared: SharedArrayBuffer, state: number, value: unknown): void {
  const bytes = new TextEncoder().encode(JSON.stringify(value ?? null));
  const header = new Int32Array(shared, 0, 2);
  if (bytes.length > ANSWER_BYTES) {
    return answer(shared, FAILED, { code: "SAMBA_ANSWER_TOO_LARGE", message: `an answer of ${bytes.length} bytes does not fit the ${ANSWER_BYTES}-byte slot` });
  }
  new Uint8Array(shared, 8, bytes.length).set(bytes);
  header[1] = bytes.length;
  Atomics.store(header, 0, state);
  Atomics.notify(header, 0);
}

try {
  const service = await SambaDirectoryService.connect(data.endpoint, { credentials });
  parentPort!.on("message", async (request: BlockingRequest | "close") => {
    if (request === "close") {
      await service.close();
      parentPort!.close();
      return;
    }
    try {
      const method = service[request.method] as (...args: unknown[]) => Promise<unknown>;
      answer(request.shared, ANSWERED, await method.apply(service, [...request.args]));
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown };
      answer(request.shared, FAILED, { code: typeof e.code === "string" ? e.code : "SAMBA_WORKER_ERROR", message: String(e.message ?? error) });
    }
  });
  parentPort!.postMessage({ ready: true });
} catch (error) {
  const e = error as { code?: unknown; message?: unknown };
  parentPort!.postMessage({ ready: false, code: typeof e.code === "string" ? e.code : "SAMBA_WORKER_ERROR", message: String(e.message ?? error) });
}
