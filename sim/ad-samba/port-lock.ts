import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LabError } from "../kernel/index.ts";
import { isProcessAlive, sleep } from "./host-process.ts";

/**
 * One DC at a time may own the LDAP ports of loopback (Samba cannot move them):
 * a lock file in the temp folder, holding the owner's pid. A lock whose
 * owner died is taken over; a live owner (another test file, the parity
 * script) is waited for.
 */
export async function acquirePortLock(port: number, options: { timeoutMs?: number; dir?: string } = {}): Promise<() => void> {
  const file = join(options.dir ?? tmpdir(), `lab-samba-port-${port}.lock`);
  const deadline = Date.now() + (options.timeoutMs ?? 180_000); // host-time-ok: waiting on another process
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(safeRead(file), 10);
    if (!Number.isInteger(owner) || !isProcessAlive(owner)) {
      try {
        unlinkSync(file);
      } catch {
        // someone else took it over first
      }
      continue;
    }
    if (Date.now() > deadline) { // host-time-ok
      throw new LabError({
        code: "SAMBA_PORT_LOCKED",
        message: `another lab Samba DC (process ${owner}) holds port ${port} on loopback`,
        remedy: `wait for it to finish, or remove ${file} if process ${owner} is not a lab run`,
      });
    }
    await sleep(200);
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
