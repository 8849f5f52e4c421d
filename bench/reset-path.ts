/**
 * The APR reset path over real UDP on loopback, against a raw node:dgram
 * echo measured in the same run.
 *
 *   npx tsx bench/reset-path.ts [--seconds 2] [--users 2000] [--in-flight 64] [--json [file]]
 *
 * The sockets are node:dgram with 4 MB buffers behind the APR code's
 * DatagramPort (see SOCKET_BUFFER). Each reset is the whole path: the Web Interface seals the request
 * (AES-256-GCM), the APR Server (the lab's handler, unchanged) checks the
 * header, the version, authenticates and decrypts, checks freshness and the
 * dedup cache, checks the answers against salted hashes, resets the password
 * in the directory, writes the audit log and seals the reply, which the web
 * opens. Every user enrols first (one enrol request each).
 *
 * Two layouts, both measured, the echo and APR alike:
 *   - process: the server (echo or APR) runs in its own process, as the APR
 *     service does; the client (the web) in this one.
 *     `ratio` is this layout's.
 *   - same-thread: client and server share one event loop.
 * Figures: round trips (echo) and resets (APR) per second with 64 in
 * flight, closed loop; p50/p99 latency of resets at half the measured rate,
 * open loop; the ratio resets/s over echo/s (target >= 0.25).
 */
import { createSocket, type Socket } from "node:dgram";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { Rng } from "../sim/kernel/index.ts";
import {
  AprDatabase,
  AprRequester,
  AprServerState,
  DEFAULT_SERVER_CONFIG,
  MemoryDirectoryPort,
  WireCodec,
  counterNonces,
  hostTimers,
  noncePrefix,
  requestIdSource,
  serveDatagrams,
  type AprRequest,
  type DatagramPort,
  type ExchangeOutcome,
  type ServerCounters,
} from "../sim/products/apr/index.ts";

type ServerKind = "echo" | "apr";
interface StartedServer {
  readonly port: number;
  counters(): Promise<ServerCounters | undefined>;
  close(): Promise<void>;
}

const now = (): number => Date.now(); // host-time-ok: the real transport runs in real time
const hr = (): number => Number(process.hrtime.bigint()) / 1e6; // host-time-ok: a benchmark measures the host
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // host-time-ok

/**
 * Socket buffers of 4 MB (Linux's default rmem_max): with 64 requests in
 * flight, loopback skbs of a few KB each overflow the 208 KB default
 * receive buffer whenever a process is descheduled, and every datagram lost
 * there costs a 1.5 s retransmission. Both the echo and APR get the same.
 */
const SOCKET_BUFFER = 4 * 1024 * 1024;

async function udpSocket(): Promise<Socket> {
  const socket = createSocket({ type: "udp4", recvBufferSize: SOCKET_BUFFER, sendBufferSize: SOCKET_BUFFER });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
  return socket;
}

/** node:dgram as the APR code's DatagramPort, without copies (the lab's RealDatagramTransport copies and keeps default buffers). */
function datagramPort(socket: Socket): DatagramPort & { port: number } {
  return {
    port: socket.address().port,
    send: (to, payload) => socket.send(payload, to.port, to.address),
    onMessage: (handler) => void socket.on("message", (payload, rinfo) => handler({ from: { address: rinfo.address, port: rinfo.port }, payload })),
    close: () => socket.close(),
  };
}

/** The raw echo: node:dgram, nothing else. */
async function startEcho(): Promise<{ port: number; close(): void }> {
  const server = await udpSocket();
  server.on("message", (msg, rinfo) => server.send(msg, rinfo.port, rinfo.address));
  return { port: server.address().port, close: () => server.close() };
}

/** The APR Server: the lab's handler on the lab's real datagram transport. */
async function startApr(users: number): Promise<{ port: number; state: AprServerState; close(): void }> {
  const socket = datagramPort(await udpSocket());
  const dir = new MemoryDirectoryPort(8);
  for (let i = 0; i < users; i++) dir.addUser(`user${i}`, `Initial-Passw0rd-${i}`);
  const state = new AprServerState({
    config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" },
    db: new AprDatabase(3, 10_000),
    nonces: counterNonces(noncePrefix(new Rng(2026).fork("server"), "server")),
    dedupCapacity: 500_000,
  });
  serveDatagrams(socket, state, { now, directory: dir, salt: () => randomBytes(16) });
  return { port: socket.port, state, close: () => socket.close() };
}

async function startServer(kind: ServerKind, layout: "process" | "same-thread", users: number): Promise<StartedServer> {
  if (layout === "same-thread") {
    const s: { port: number; state?: AprServerState; close(): void } = kind === "echo" ? await startEcho() : await startApr(users);
    return { port: s.port, counters: async () => s.state?.counters, close: async () => s.close() };
  }
  // The server process runs this same file (TypeScript through tsx) in server mode.
  const child = fork(fileURLToPath(import.meta.url), ["--serve", kind, "--users", String(users)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the ${kind} server process exited (${code})`)));
  });
  return {
    port,
    counters: () =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve((m as { counters?: ServerCounters }).counters));
        child.send("counters");
      }),
    close: async () => {
      child.removeAllListeners("exit");
      const exited = new Promise((r) => child.once("exit", r));
      child.kill();
      await exited;
    },
  };
}

const serveAt = process.argv.indexOf("--serve");
if (serveAt >= 0) {
  const kind = process.argv[serveAt + 1] as ServerKind;
  const users = Number(process.argv[process.argv.indexOf("--users") + 1]);
  const s: { port: number; state?: AprServerState } = kind === "echo" ? await startEcho() : await startApr(users);
  process.on("message", () => process.send!({ counters: s.state?.counters }));
  process.on("disconnect", () => process.exit(0));
  process.send!({ port: s.port });
} else {
  await main();
}

async function main(): Promise<void> {
  const program = new Command("reset-path")
    .option("--seconds <n>", "seconds per measurement", "2")
    .option("--users <n>", "enrolled users the resets cycle through", "2000")
    .option("--in-flight <n>", "requests in flight for the throughput runs", "64")
    .option("--layout <layouts>", "process, same-thread or both (comma-separated)", "process,same-thread")
    .option("--json [file]", "write the figures as JSON to stdout or a file")
    .parse();
  const opts = program.opts<{ seconds: string; users: string; inFlight: string; layout: string; json?: string | boolean }>();
  const seconds = Number(opts.seconds);
  const users = Number(opts.users);
  const inFlight = Number(opts.inFlight);
  if (!(seconds > 0) || !Number.isInteger(users) || users < 1 || !Number.isInteger(inFlight) || inFlight < 1) {
    console.error("--seconds must be positive; --users and --in-flight positive integers");
    process.exit(2);
  }

  async function echoRate(layout: "process" | "same-thread"): Promise<number> {
    const server = await startServer("echo", layout, 0);
    const client = await udpSocket();
    const payload = randomBytes(300);
    let done = 0;
    let running = true;
    client.on("message", () => {
      done++;
      if (running) client.send(payload, server.port, "127.0.0.1");
    });
    const start = hr();
    for (let i = 0; i < inFlight; i++) client.send(payload, server.port, "127.0.0.1");
    await sleep(seconds * 1000);
    running = false;
    const rate = done / ((hr() - start) / 1000);
    await sleep(50);
    client.close();
    await server.close();
    return rate;
  }

  async function aprRun(layout: "process" | "same-thread") {
    const server = await startServer("apr", layout, users);
    const web = datagramPort(await udpSocket());
    const rng = new Rng(2026);
    const requester = new AprRequester(web, hostTimers(), {
      protocol: 323,
      codec: new WireCodec(counterNonces(noncePrefix(rng.fork("web"), "web"))),
      requestIds: requestIdSource(rng.fork("ids")),
      now,
    });
    const to = { address: "127.0.0.1", port: server.port };
    const send = (r: AprRequest): Promise<ExchangeOutcome> => requester.send(to, r);
    // A timeout (every retransmission lost, e.g. a receive buffer overflowing on a starved host) is
    // counted, not fatal; a refusal by the server is a bug of the bench.
    let timeouts = 0;
    let retransmitted = 0;
    const check = (o: ExchangeOutcome): void => {
      if (!o.ok && o.failure === "timeout") {
        timeouts++;
        return;
      }
      if (!o.ok || !o.reply.ok) throw new Error(`request failed: ${JSON.stringify(o)}`);
      if (o.attempts > 1) retransmitted++;
    };
    let n = 0;
    const reset = (): AprRequest => ({ op: "reset", user: `user${n % users}`, answers: ["Rex", "Lyon", "Smith"], newPassword: `Reset-Passw0rd-${n++}` });
    const answers = [{ question: "Pet?", answer: "Rex" }, { question: "Town?", answer: "Lyon" }, { question: "Teacher?", answer: "Smith" }];
    for (let i = 0; i < users; i += inFlight) {
      const batch: Promise<ExchangeOutcome>[] = [];
      for (let j = i; j < Math.min(users, i + inFlight); j++) batch.push(send({ op: "enroll", user: `user${j}`, password: `Initial-Passw0rd-${j}`, answers }));
      for (const o of await Promise.all(batch)) check(o);
    }
    const closedLoop = async (): Promise<number> => {
      let done = 0;
      let running = true;
      const worker = async (): Promise<void> => {
        while (running) {
          check(await send(reset()));
          done++;
        }
      };
      const start = hr();
      const workers = Array.from({ length: inFlight }, worker);
      await sleep(seconds * 1000);
      running = false;
      const rate = done / ((hr() - start) / 1000);
      await Promise.all(workers);
      return rate;
    };
    await closedLoop(); // warm-up (JIT, caches)
    const rate = await closedLoop();
    // Open loop at half the measured rate: latency without queueing at saturation.
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const start = hr();
    let sent = 0;
    while (hr() - start < seconds * 1000) {
      const due = Math.floor(((hr() - start) / 1000) * (rate / 2));
      for (; sent < due; sent++) {
        const t0 = hr();
        pending.push(send(reset()).then((o) => { check(o); if (o.ok) latencies.push(hr() - t0); }));
      }
      await sleep(1);
    }
    await Promise.all(pending);
    latencies.sort((a, b) => a - b);
    const q = (p: number): number => +latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(3);
    const counters = await server.counters();
    requester.close();
    await server.close();
    return { rate, p50: q(0.5), p99: q(0.99), samples: latencies.length, counters, timeouts, retransmitted };
  }

  const layouts = opts.layout.split(",").map((l) => l.trim()) as ("process" | "same-thread")[];
  if (layouts.length === 0 || layouts.some((l) => l !== "process" && l !== "same-thread")) {
    console.error("--layout takes process, same-thread or both");
    process.exit(2);
  }
  const results: Record<string, { echoPerSecond: number; resetsPerSecond: number; ratio: number; halfLoad: { ratePerSecond: number; p50Ms: number; p99Ms: number; samples: number }; retransmitted: number; timeouts: number; server?: unknown }> = {};
  for (const layout of layouts) {
    const echo = await echoRate(layout);
    const apr = await aprRun(layout);
    const c = apr.counters;
    results[layout] = {
      echoPerSecond: Math.round(echo),
      resetsPerSecond: Math.round(apr.rate),
      ratio: +(apr.rate / echo).toFixed(3),
      halfLoad: { ratePerSecond: Math.round(apr.rate / 2), p50Ms: apr.p50, p99Ms: apr.p99, samples: apr.samples },
      retransmitted: apr.retransmitted,
      timeouts: apr.timeouts,
      ...(c ? { server: { received: c.received, replied: c.replied, duplicates: c.duplicates, rejected: Object.values(c.rejected).reduce((a, b) => a + b, 0) } } : {}),
    };
  }
  const layout = layouts[0]!;
  const main = results[layout]!;
  const figures = {
    seconds,
    users,
    inFlight,
    layout,
    echoPerSecond: main.echoPerSecond,
    resetsPerSecond: main.resetsPerSecond,
    ratio: main.ratio,
    target: 0.25,
    meetsTarget: main.ratio >= 0.25,
    halfLoad: main.halfLoad,
    layouts: results,
    node: process.version,
    loadAverage: (await import("node:os")).loadavg().map((l) => +l.toFixed(2)),
    cpus: (await import("node:os")).cpus().length,
  };
  if (opts.json !== undefined) {
    const text = `${JSON.stringify(figures, null, 2)}\n`;
    if (typeof opts.json === "string") writeFileSync(opts.json, text);
    else process.stdout.write(text);
    return;
  }
  for (const layout of layouts) {
    const r = results[layout]!;
    console.log(`[${layout}] raw echo ${r.echoPerSecond.toLocaleString("en")} round trips/s; APR ${r.resetsPerSecond.toLocaleString("en")} resets/s (${inFlight} in flight); ratio ${r.ratio}; at half load p50 ${r.halfLoad.p50Ms} ms, p99 ${r.halfLoad.p99Ms} ms; ${r.retransmitted} retransmitted, ${r.timeouts} timed out`);
  }
  console.log(`ratio (${layout} layout) ${figures.ratio}: target >= ${figures.target} ${figures.meetsTarget ? "met" : "NOT met"}`);
}
