/**
 * AD's two time encodings. Instants (pwdLastSet, lockoutTime, badPasswordTime)
 * are FILETIMEs: 100 ns ticks since 1601-01-01 UTC, 0 meaning "never".
 * Policy intervals (minPwdAge, lockoutDuration, ...) are negative tick counts,
 * with the most negative 64-bit value meaning "forever".
 */
const TICKS_PER_MS = 10_000n;
const FILETIME_UNIX_EPOCH_MS = 11_644_473_600_000n;

/** The "forever" interval: -2^63. */
export const NEVER_INTERVAL = "-9223372036854775808";

/** A FILETIME attribute as ms since 1970; 0 (or absent) stays 0, as the lab's views use it. */
export function fileTimeToMs(value: string | undefined): number {
  if (value === undefined || value === "" || value === "0") return 0;
  const ticks = BigInt(value);
  if (ticks <= 0n || ticks >= 0x7fffffffffffffffn) return 0;
  return Number(ticks / TICKS_PER_MS - FILETIME_UNIX_EPOCH_MS);
}

/**
 * A policy interval in ms. "Forever" reads as 0, which the lab uses for
 * "never expires" (maxPwdAge) and "until an administrator unlocks" (lockoutDuration).
 */
export function intervalToMs(value: string | undefined): number {
  if (value === undefined || value === "" || value === NEVER_INTERVAL) return 0;
  const ticks = BigInt(value);
  return Number((ticks < 0n ? -ticks : ticks) / TICKS_PER_MS);
}

/** The inverse of intervalToMs; `zeroIsForever` for the attributes where the lab's 0 means "forever". */
export function msToInterval(ms: number, zeroIsForever: boolean): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`an interval must be a non-negative whole number of ms, got ${ms}`);
  if (ms === 0) return zeroIsForever ? NEVER_INTERVAL : "0";
  return (-BigInt(ms) * TICKS_PER_MS).toString();
}
