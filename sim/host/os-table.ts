import type { OsId } from "../lab-spec.ts";

export interface OsInfo {
  readonly id: OsId;
  readonly name: string;
  readonly kind: "server" | "client";
  /** Windows NT version, for "X or later" comparisons. */
  readonly ntVersion: number;
  /** Ordering within server and client lines (server 2003 R2 sits after 2003 at the same NT version). */
  readonly rank: number;
  /** IIS version the OS ships, when it can run IIS at all. */
  readonly iisVersion?: number;
  /** Internet Explorer version the OS shipped with. */
  readonly shippedIe: number;
  /** Highest Internet Explorer version installable. */
  readonly maxIe: number;
  /** Whether a 32-bit edition exists (2008 R2 and later servers are x64 only). */
  readonly hasX86: boolean;
}

/** The versions the three documents name, with what each ships. */
export const OS_TABLE: Readonly<Record<OsId, OsInfo>> = {
  "windows-server-2003": { id: "windows-server-2003", name: "Windows Server 2003", kind: "server", ntVersion: 5.2, rank: 10, iisVersion: 6, shippedIe: 6, maxIe: 8, hasX86: true },
  "windows-server-2003-r2": { id: "windows-server-2003-r2", name: "Windows Server 2003 R2", kind: "server", ntVersion: 5.2, rank: 11, iisVersion: 6, shippedIe: 6, maxIe: 8, hasX86: true },
  "windows-server-2008": { id: "windows-server-2008", name: "Windows Server 2008", kind: "server", ntVersion: 6.0, rank: 20, iisVersion: 7.0, shippedIe: 7, maxIe: 9, hasX86: true },
  "windows-server-2008-r2": { id: "windows-server-2008-r2", name: "Windows Server 2008 R2", kind: "server", ntVersion: 6.1, rank: 21, iisVersion: 7.5, shippedIe: 8, maxIe: 11, hasX86: false },
  "windows-server-2012": { id: "windows-server-2012", name: "Windows Server 2012", kind: "server", ntVersion: 6.2, rank: 30, iisVersion: 8.0, shippedIe: 10, maxIe: 10, hasX86: false },
  "windows-server-2012-r2": { id: "windows-server-2012-r2", name: "Windows Server 2012 R2", kind: "server", ntVersion: 6.3, rank: 31, iisVersion: 8.5, shippedIe: 11, maxIe: 11, hasX86: false },
  "windows-server-2016": { id: "windows-server-2016", name: "Windows Server 2016", kind: "server", ntVersion: 10.0, rank: 40, iisVersion: 10.0, shippedIe: 11, maxIe: 11, hasX86: false },
  "windows-server-2019": { id: "windows-server-2019", name: "Windows Server 2019", kind: "server", ntVersion: 10.0, rank: 41, iisVersion: 10.0, shippedIe: 11, maxIe: 11, hasX86: false },
  "windows-server-2022": { id: "windows-server-2022", name: "Windows Server 2022", kind: "server", ntVersion: 10.0, rank: 42, iisVersion: 10.0, shippedIe: 11, maxIe: 11, hasX86: false },
  "windows-xp": { id: "windows-xp", name: "Windows XP", kind: "client", ntVersion: 5.1, rank: 10, iisVersion: 5.1, shippedIe: 6, maxIe: 8, hasX86: true },
  "windows-vista": { id: "windows-vista", name: "Windows Vista", kind: "client", ntVersion: 6.0, rank: 20, iisVersion: 7.0, shippedIe: 7, maxIe: 9, hasX86: true },
  "windows-7": { id: "windows-7", name: "Windows 7", kind: "client", ntVersion: 6.1, rank: 30, iisVersion: 7.5, shippedIe: 8, maxIe: 11, hasX86: true },
  "windows-8.1": { id: "windows-8.1", name: "Windows 8.1", kind: "client", ntVersion: 6.3, rank: 40, iisVersion: 8.5, shippedIe: 11, maxIe: 11, hasX86: true },
  "windows-10": { id: "windows-10", name: "Windows 10", kind: "client", ntVersion: 10.0, rank: 50, iisVersion: 10.0, shippedIe: 11, maxIe: 11, hasX86: true },
  "windows-11": { id: "windows-11", name: "Windows 11", kind: "client", ntVersion: 10.0, rank: 60, iisVersion: 10.0, shippedIe: 11, maxIe: 11, hasX86: false },
};

export function osInfo(id: OsId): OsInfo {
  return OS_TABLE[id];
}

/** "Windows Server 2003 R2 or later" and the like: same line, rank at least. */
export function isServerAtLeast(os: OsInfo, minimum: OsId): boolean {
  const min = OS_TABLE[minimum];
  return os.kind === "server" && os.rank >= min.rank;
}

/** "Windows Vista or later" for client components: a client of that NT version or later, or any server of it. */
export function isWindowsAtLeast(os: OsInfo, minimumClient: OsId): boolean {
  const min = OS_TABLE[minimumClient];
  if (os.kind === "client") return os.rank >= min.rank;
  return os.ntVersion >= min.ntVersion;
}
