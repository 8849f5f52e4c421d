import type { SambaDcEndpoint } from "./samba-domain.ts";

/** A running throwaway Samba AD DC, wherever it runs. */
export interface SambaDc {
  readonly endpoint: SambaDcEndpoint;
  /** "host": the Debian packages on this machine; "container": an image through testcontainers. */
  readonly backend: "host" | "container";
  /** sam.ldb as seen where samba-tool runs (for `-H`). */
  readonly samDbPath: string;
  /** Runs samba-tool next to the DC; resolves with its output, rejects with a LabError. */
  sambaTool(args: readonly string[]): Promise<string>;
  /** Stops the DC and removes everything it wrote; safe to call twice. */
  stop(): Promise<void>;
}
