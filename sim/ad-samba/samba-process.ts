import { spawn, type ChildProcess } from "node:child_process";
import { LabError } from "../kernel/index.ts";
import { waitForTls } from "./host-process.ts";

const OUTPUT_LINES = 60;

/**
 * `samba -i -M single`: one foreground process that logs to its stderr and,
 * being interactive, exits when its stdin closes. Its stdin is a pipe from
 * this process, so the DC goes away with us even when we are killed before
 * any cleanup can run.
 */
export class SambaProcess {
  readonly #child: ChildProcess;
  readonly #output: string[] = [];
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly #exited: Promise<void>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") this.#output.push(line);
      if (this.#output.length > OUTPUT_LINES) this.#output.splice(0, this.#output.length - OUTPUT_LINES);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    // A closed pipe after the DC exits is expected, not an error to crash on.
    child.stdin?.on("error", () => undefined);
    this.#exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.#exit = { code, signal };
        resolve();
      });
      child.once("error", (error) => {
        this.#output.push(`spawn error: ${error.message}`);
        this.#exit = { code: null, signal: null };
        resolve();
      });
    });
  }

  static start(sambaBinary: string, configFile: string): SambaProcess {
    return new SambaProcess(spawn(sambaBinary, ["-i", "-M", "single", `--configfile=${configFile}`], { stdio: ["pipe", "pipe", "pipe"] }));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** The last lines Samba wrote, for error reports. */
  output(): string {
    return this.#output.join("\n");
  }

  /** Resolves once a TLS handshake on host:port succeeds; rejects if Samba exits or the time runs out. */
  async waitForLdaps(host: string, port: number, timeoutMs: number): Promise<void> {
    const failure = await waitForTls(host, port, timeoutMs, () => (this.running ? undefined : `samba exited (${this.#exitText()}) before LDAPS answered on ${host}:${port}`));
    if (failure) throw this.#failure(failure);
  }

  /** Closes stdin (Samba's own way out), then SIGTERM, then SIGKILL. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.#child.stdin?.end();
    if (await this.#exitsWithin(5_000)) return;
    this.#child.kill("SIGTERM");
    if (await this.#exitsWithin(3_000)) return;
    this.#child.kill("SIGKILL");
    await this.#exited;
  }

  /** For a process "exit" hook, where nothing asynchronous runs. */
  killNow(): void {
    if (this.running) this.#child.kill("SIGKILL");
  }

  async #exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const exited = await Promise.race([this.#exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return exited;
  }

  #exitText(): string {
    return this.#exit?.signal ? `signal ${this.#exit.signal}` : `exit code ${this.#exit?.code ?? "unknown"}`;
  }

  #failure(message: string): LabError {
    return new LabError({
      code: "SAMBA_START_FAILED",
      message,
      remedy: "read Samba's output in details.output; a port already in use (389/636/3268/3269 on loopback) is the usual cause",
      details: { output: this.output() },
    });
  }
}
