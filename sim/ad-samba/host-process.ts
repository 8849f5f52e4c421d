import { connect } from "node:net";
import { connect as tlsConnect } from "node:tls";

/** Whether a process with this pid exists (signal 0 tests without sending). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether something accepts TCP connections on host:port right now. */
export function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Whether a TLS handshake on host:port succeeds (the DC's certificate is self-signed, so it is not checked). */
export function tlsAnswers(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

/** Polls until a TLS handshake succeeds; `gaveUp` may end the wait early with a reason. */
export async function waitForTls(host: string, port: number, timeoutMs: number, gaveUp: () => string | undefined = () => undefined): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs; // host-time-ok: waiting on a real server
  while (Date.now() < deadline) { // host-time-ok
    const reason = gaveUp();
    if (reason) return reason;
    if (await tlsAnswers(host, port)) return undefined;
    await sleep(100);
  }
  return `LDAPS did not answer on ${host}:${port} within ${timeoutMs} ms`;
}
