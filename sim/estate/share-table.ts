import type { Host } from "../host/index.ts";

export interface Share {
  readonly host: string;
  readonly name: string;
  /** Folder on the host the share exposes. */
  readonly path: string;
  /** "everyone", "domain-computers", or account names (computer accounts as NAME$). */
  readonly readers: readonly string[];
}

export interface ShareFile {
  readonly exists: boolean;
  readonly readable: boolean;
  readonly share?: Share;
  /** The file's path on the hosting machine. */
  readonly localPath?: string;
}

/** File shares of the estate: \\HOST\share\file resolves to a host folder. */
export class ShareTable {
  readonly #shares = new Map<string, Share>();

  constructor(private readonly hostOf: (name: string) => Host | undefined) {}

  add(share: Share): void {
    this.#shares.set(`${share.host}\\${share.name}`.toUpperCase(), share);
  }

  list(): Share[] {
    return [...this.#shares.values()];
  }

  /** Splits \\HOST\share\rest and finds the share. */
  locate(unc: string): { share: Share; localPath: string } | undefined {
    const m = /^\\\\([^\\]+)\\([^\\]+)(?:\\(.*))?$/.exec(unc.replace(/\//g, "\\"));
    if (!m) return undefined;
    const host = m[1]!.split(".")[0]!;
    const share = this.#shares.get(`${host}\\${m[2]}`.toUpperCase());
    if (!share) return undefined;
    return { share, localPath: m[3] ? `${share.path}\\${m[3]}` : share.path };
  }

  /** Whether a computer (by host name) can read the file: the share exists, the file is there, the ACL lets it. */
  resolve(unc: string, computer: string, computerJoined: boolean): ShareFile {
    const found = this.locate(unc);
    if (!found) return { exists: false, readable: false };
    const host = this.hostOf(found.share.host);
    const exists = host?.fs.isFile(found.localPath) ?? false;
    const readers = found.share.readers.map((r) => r.toLowerCase());
    const readable =
      readers.includes("everyone") ||
      (computerJoined && readers.includes("domain-computers")) ||
      readers.includes(`${computer.toLowerCase()}$`);
    return { exists, readable, share: found.share, localPath: found.localPath };
  }
}
