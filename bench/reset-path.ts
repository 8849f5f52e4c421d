/**
 * The APR reset path over real UDP on loopback, against a raw node:dgram
 * echo measured in the same run.
 *
 *   npx tsx bench/reset-path.ts [--seconds 2] [--repeat 5] [--users 2000] [--in-flight 64]
 *                               [--layout process,same-thread] [--json [file]]
 *
 * Each reset is the whole path: the Web Interface seals the request
 * (AES-256-GCM), the APR Server (the lab's handler, unchanged) checks the
 * header, the version, authenticates and decrypts, checks freshness, the
 * dedup cache and its replay window, checks the answers against salted
 * hashes, resets the password in the directory, writes the audit log and
 * seals the reply, which the web opens. Every user enrols first.
 *
 * Two layouts, both measured, the echo and APR alike:
 *   - process: the server (echo or APR) runs in its own process, as the APR
 *     service does; the client (the web) in this one. `ratio` is this layout's.
 *   - same-thread: client and server share one event loop.
 *
 * Echo and APR servers are started once per layout, warmed up, and then
 * measured in alternating windows (echo, APR, echo, APR, ...), so a change
 * in the machine's load hits both sides of a ratio alike. Each window is
 * closed loop with --in-flight requests outstanding. Printed: the ratio of
 * each pair (resets/s over round trips/s; target >= 0.25), its best and
 * median; the CPU time each process spent per operation (what limits the
 * rate: the busier process); and p50/p99 latency at half the measured rate
 * (open loop). Sockets have 4 MB buffers (see SOCKET_BUFFER).
 *
 * Where a reset's CPU goes, on each side: what the echo pays (a recvmsg and
 * a sendmsg, about 8 µs; this file's DatagramPort costs no more), then
 * AES-256-GCM through node:crypto, one cipher object per datagram (an
 * OpenSSL context set up per message and freed by V8's GC: about 3 to 3.5 µs
 * for a seal or an open, the largest share), then the APR work: on the
 * server three salted answer hashes, JSON, the directory and the audit log;
 * on the web JSON, the pending map and a promise. In-process loops measure
 * the server's handler at about 15 µs a reset and the web's side at about
 * 11 µs; the rest of each process's figure is the socket path and the two
 * processes contending for the caches. The dedup cache keeps no JS object
 * per entry and host retransmission timers are a coarse wheel, so neither
 * adds GC work that grows with the rate.
 *
 * LAB_BENCH_CPU_PROF=<dir> writes a CPU profile of each server process there
 * (run the bench itself under `node --cpu-prof --import tsx` for the client).
 */
import { createSocket, type Socket } from "node:dgram";
import { randomBytes } from "node:crypto";
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { machine, writeJson } from "./bench-output.ts";
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
type Layout = "process" | "same-thread";

interface StartedServer {
  readonly port: number;
  /** CPU time (µs, user + system) the server has used; in the same-thread layout, this process's. */
  cpu(): Promise<number>;
  counters(): Promise<ServerCounters | undefined>;
  close(): Promise<void>;
}

const now = (): number => Date.now(); // host-time-ok: the real transport runs in real time
const hr = (): number => Number(process.hrtime.bigint()) / 1e6; // host-time-ok: a benchmark measures the host
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // host-time-ok
const cpuNow = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

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

/**
 * node:dgram as the APR code's DatagramPort, without copies (the lab's
 * RealDatagramTransport copies, to protect callers that reuse buffers).
 * Sends are queued and flushed once the event loop has handled what it
 * read in this turn: the peer then wakes once for a burst of replies
 * instead of once per reply (measured: about 8 % less CPU per reset on
 * each side). The echo stays raw node:dgram.
 */
function datagramPort(socket: Socket): DatagramPort & { port: number } {
  const queue: { to: { address: string; port: number }; payload: Uint8Array }[] = [];
  let open = true;
  const flush = (): void => {
    if (open) for (const d of queue) socket.send(d.payload, d.to.port, d.to.address);
    queue.length = 0;
  };
  return {
    port: socket.address().port,
    send: (to, payload) => {
      if (queue.push({ to, payload }) === 1) setImmediate(flush);
    },
    onMessage: (handler) => void socket.on("message", (payload, rinfo) => handler({ from: { address: rinfo.address, port: rinfo.port }, payload })),
    close: () => {
      open = false;
      socket.close();
    },
  };
}

/** The raw echo: node:dgram, nothing else. */
async function startEcho(): Promise<{ port: number; close(): void }> {
  const server = await udpSocket();
  server.on("message", (msg, rinfo) => server.send(msg, rinfo.port, rinfo.address));
  return { port: server.address().port, close: () => server.close() };
}

/** The APR Server: the lab's handler, unchanged, on a node:dgram socket. */
async function startApr(users: number): Promise<{ port: number; state: AprServerState; close(): void }> {
  const socket = datagramPort(await udpSocket());
  const dir = new MemoryDirectoryPort(8);
  for (let i = 0; i < users; i++) dir.addUser(`user${i}`, `Initial-Passw0rd-${i}`);
  const state = new AprServerState({
    config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" },
    db: new AprDatabase(3, 10_000),
    nonces: counterNonces(noncePrefix(new Rng(2026).fork("server"), "server")),
    dedupCapacity: 500_000,
    startedAt: now(),
  });
  serveDatagrams(socket, state, { now, directory: dir, salt: () => randomBytes(16) });
  return { port: socket.port, state, close: () => socket.close() };
}

async function startServer(kind: ServerKind, layout: Layout, users: number): Promise<StartedServer> {
  if (layout === "same-thread") {
    const s: { port: number; state?: AprServerState; close(): void } = kind === "echo" ? await startEcho() : await startApr(users);
    return { port: s.port, cpu: async () => cpuNow(), counters: async () => s.state?.counters, close: async () => s.close() };
  }
  // The server process runs this same file (TypeScript through tsx) in server mode.
  const profile = process.env["LAB_BENCH_CPU_PROF"];
  const execArgv = ["--import", "tsx", ...(profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : [])];
  const child = fork(fileURLToPath(import.meta.url), ["--serve", kind, "--users", String(users)], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the ${kind} server process exited (${code})`)));
  });
  const ask = <T>(what: "cpu" | "counters"): Promise<T> => request<T>(child, what);
  return {
    port,
    cpu: () => ask<number>("cpu"),
    counters: () => ask<ServerCounters | undefined>("counters"),
    close: async () => {
      child.removeAllListeners("exit");
      const exited = new Promise((r) => child.once("exit", r));
      // A disconnect lets the server exit on its own (and write its profile); a kill would not.
      child.disconnect();
      await exited;
    },
  };
}

function request<T>(child: ChildProcess, what: "cpu" | "counters"): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve((m as { answer: T }).answer));
    child.send(what);
  });
}

const serveAt = process.argv.indexOf("--serve");
if (serveAt >= 0) {
  const kind = process.argv[serveAt + 1] as ServerKind;
  const users = Number(process.argv[process.argv.indexOf("--users") + 1]);
  const s: { port: number; state?: AprServerState } = kind === "echo" ? await startEcho() : await startApr(users);
  process.on("message", (what) => process.send!({ answer: what === "cpu" ? cpuNow() : s.state?.counters }));
  process.on("disconnect", () => process.exit(0));
  process.send!({ port: s.port });
} else {
  await main();
}

interface Window {
  readonly perSecond: number;
  /** CPU µs per operation: this process (the client) and the server's. */
  readonly clientCpuUs: number;
  readonly serverCpuUs: number;
}

async function main(): Promise<void> {
  const program = new Command("reset-path")
    .option("--seconds <n>", "seconds per measurement window", "2")
    .option("--repeat <n>", "echo/APR window pairs per layout (best and median are reported)", "5")
    .option("--users <n>", "enrolled users the resets cycle through", "2000")
    .option("--in-flight <n>", "requests in flight for the throughput runs", "64")
    .option("--layout <layouts>", "process, same-thread or both (comma-separated)", "process,same-thread")
    .option("--json [file]", "write the figures as JSON to stdout or a file")
    .parse();
  const opts = program.opts<{ seconds: string; repeat: string; users: string; inFlight: string; layout: string; json?: string | boolean }>();
  const seconds = Number(opts.seconds);
  const repeat = Number(opts.repeat);
  const users = Number(opts.users);
  const inFlight = Number(opts.inFlight);
  if (!(seconds > 0) || !Number.isInteger(repeat) || repeat < 1 || !Number.isInteger(users) || users < 1 || !Number.isInteger(inFlight) || inFlight < 1) {
    console.error("--seconds must be positive; --repeat, --users and --in-flight positive integers");
    process.exit(2);
  }
  const layouts = opts.layout.split(",").map((l) => l.trim()) as Layout[];
  if (layouts.length === 0 || layouts.some((l) => l !== "process" && l !== "same-thread")) {
    console.error("--layout takes process, same-thread or both");
    process.exit(2);
  }

  /** Runs `loop` for the window and measures its rate and both processes' CPU per operation. */
  async function window(server: StartedServer, loop: (running: () => boolean) => Promise<number>): Promise<Window> {
    let running = true;
    const [c0, s0] = [cpuNow(), await server.cpu()];
    const start = hr();
    const finished = loop(() => running);
    await sleep(seconds * 1000);
    running = false;
    const elapsed = (hr() - start) / 1000;
    const done = await finished;
    const [c1, s1] = [cpuNow(), await server.cpu()];
    return { perSecond: done / elapsed, clientCpuUs: (c1 - c0) / done, serverCpuUs: (s1 - s0) / done };
  }

  async function echoClient(server: StartedServer) {
    const client = await udpSocket();
    const payload = randomBytes(300);
    let onReply: () => void = () => {};
    client.on("message", () => onReply());
    const loop = (running: () => boolean): Promise<number> =>
      new Promise((resolve) => {
        let done = 0;
        let outstanding = inFlight;
        let stopping = false;
        onReply = () => {
          done++;
          if (running()) client.send(payload, server.port, "127.0.0.1");
          else if (--outstanding === 0) resolve(done);
          else if (!stopping) {
            // A datagram lost in a full socket buffer never comes back: do not wait for it forever.
            stopping = true;
            setTimeout(() => resolve(done), 500); // host-time-ok
          }
        };
        for (let i = 0; i < inFlight; i++) client.send(payload, server.port, "127.0.0.1");
      });
    return { loop, close: () => client.close() };
  }

  async function aprClient(server: StartedServer) {
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
    const stats = { timeouts: 0, retransmitted: 0 };
    const check = (o: ExchangeOutcome): void => {
      if (!o.ok && o.failure === "timeout") {
        stats.timeouts++;
        return;
      }
      if (!o.ok || !o.reply.ok) throw new Error(`request failed: ${JSON.stringify(o)}`);
      if (o.attempts > 1) stats.retransmitted++;
    };
    let n = 0;
    const reset = (): AprRequest => ({ op: "reset", user: `user${n % users}`, answers: ["Rex", "Lyon", "Smith"], newPassword: `Reset-Passw0rd-${n++}` });
    const answers = [{ question: "Pet?", answer: "Rex" }, { question: "Town?", answer: "Lyon" }, { question: "Teacher?", answer: "Smith" }];
    for (let i = 0; i < users; i += inFlight) {
      const batch: Promise<ExchangeOutcome>[] = [];
      for (let j = i; j < Math.min(users, i + inFlight); j++) batch.push(send({ op: "enroll", user: `user${j}`, password: `Initial-Passw0rd-${j}`, answers }));
      for (const o of await Promise.all(batch)) check(o);
    }
    const loop = async (running: () => boolean): Promise<number> => {
      let done = 0;
      const worker = async (): Promise<void> => {
        while (running()) {
          check(await send(reset()));
          done++;
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      return done;
    };
    /** Open loop at `rate`/s for the window: latency without queueing at saturation. */
    const latency = async (rate: number) => {
      const latencies: number[] = [];
      const pending: Promise<void>[] = [];
      const start = hr();
      let sent = 0;
      while (hr() - start < seconds * 1000) {
        const due = Math.floor(((hr() - start) / 1000) * rate);
        for (; sent < due; sent++) {
          const t0 = hr();
          pending.push(send(reset()).then((o) => { check(o); if (o.ok) latencies.push(hr() - t0); }));
        }
        await sleep(1);
      }
      await Promise.all(pending);
      latencies.sort((a, b) => a - b);
      const q = (p: number): number => +latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(3);
      return { ratePerSecond: Math.round(rate), p50Ms: q(0.5), p99Ms: q(0.99), samples: latencies.length };
    };
    return { loop, latency, stats, close: () => requester.close() };
  }

  const median = (xs: readonly number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const r1 = (x: number): number => +x.toFixed(1);

  const results: Record<string, unknown> = {};
  const summaries: Record<string, { ratioBest: number; ratioMedian: number; echoMedian: number; aprMedian: number; echoCpu: { client: number; server: number }; aprCpu: { client: number; server: number }; halfLoad: Awaited<ReturnType<Awaited<ReturnType<typeof aprClient>>["latency"]>>; retransmitted: number; timeouts: number; pairs: { echo: number; apr: number; ratio: number }[]; server?: unknown }> = {};
  for (const layout of layouts) {
    const echoServer = await startServer("echo", layout, 0);
    const aprServer = await startServer("apr", layout, users);
    const echo = await echoClient(echoServer);
    const apr = await aprClient(aprServer);
    // Warm-up of both (JIT, caches), not measured.
    await window(echoServer, echo.loop);
    await window(aprServer, apr.loop);
    const pairs: { echo: Window; apr: Window }[] = [];
    for (let i = 0; i < repeat; i++) pairs.push({ echo: await window(echoServer, echo.loop), apr: await window(aprServer, apr.loop) });
    const ratios = pairs.map((p) => p.apr.perSecond / p.echo.perSecond);
    const aprMedian = median(pairs.map((p) => p.apr.perSecond));
    const halfLoad = await apr.latency(aprMedian / 2);
    const c = await aprServer.counters();
    echo.close();
    apr.close();
    await echoServer.close();
    await aprServer.close();
    summaries[layout] = {
      ratioBest: +Math.max(...ratios).toFixed(3),
      ratioMedian: +median(ratios).toFixed(3),
      echoMedian: Math.round(median(pairs.map((p) => p.echo.perSecond))),
      aprMedian: Math.round(aprMedian),
      echoCpu: { client: r1(median(pairs.map((p) => p.echo.clientCpuUs))), server: r1(median(pairs.map((p) => p.echo.serverCpuUs))) },
      aprCpu: { client: r1(median(pairs.map((p) => p.apr.clientCpuUs))), server: r1(median(pairs.map((p) => p.apr.serverCpuUs))) },
      halfLoad,
      retransmitted: apr.stats.retransmitted,
      timeouts: apr.stats.timeouts,
      pairs: pairs.map((p, i) => ({ echo: Math.round(p.echo.perSecond), apr: Math.round(p.apr.perSecond), ratio: +ratios[i]!.toFixed(3) })),
      ...(c ? { server: { received: c.received, replied: c.replied, duplicates: c.duplicates, rejected: Object.values(c.rejected).reduce((a, b) => a + b, 0) } } : {}),
    };
    results[layout] = summaries[layout];
  }
  const layout = layouts[0]!;
  const main = summaries[layout]!;
  const figures = {
    seconds,
    repeat,
    users,
    inFlight,
    layout,
    echoPerSecond: main.echoMedian,
    resetsPerSecond: main.aprMedian,
    ratio: main.ratioMedian,
    ratioBest: main.ratioBest,
    target: 0.25,
    meetsTarget: main.ratioMedian >= 0.25,
    halfLoad: main.halfLoad,
    layouts: results,
    ...machine(),
  };
  if (opts.json !== undefined) {
    writeJson(opts.json, figures);
    return;
  }
  const n = (x: number): string => x.toLocaleString("en");
  for (const l of layouts) {
    const r = summaries[l]!;
    console.log(`[${l}] raw echo ${n(r.echoMedian)} round trips/s; APR ${n(r.aprMedian)} resets/s (${inFlight} in flight, medians of ${repeat}); ratio median ${r.ratioMedian}, best ${r.ratioBest}`);
    console.log(`  pairs (echo/s, resets/s, ratio): ${r.pairs.map((p) => `${n(p.echo)} ${n(p.apr)} ${p.ratio}`).join(" | ")}`);
    if (l === "process") console.log(`  CPU per operation, client / server: echo ${r.echoCpu.client} / ${r.echoCpu.server} µs; APR ${r.aprCpu.client} / ${r.aprCpu.server} µs`);
    else console.log(`  CPU per operation (one process): echo ${r.echoCpu.client} µs; APR ${r.aprCpu.client} µs`);
    console.log(`  at half load (${n(r.halfLoad.ratePerSecond)}/s) p50 ${r.halfLoad.p50Ms} ms, p99 ${r.halfLoad.p99Ms} ms; ${r.retransmitted} retransmitted, ${r.timeouts} timed out`);
  }
  console.log(`ratio (${layout} layout, median) ${figures.ratio}: target >= ${figures.target} ${figures.meetsTarget ? "met" : "NOT met"}; load average ${figures.loadAverage.join(" ")}`);
}
