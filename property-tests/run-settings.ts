/**
 * How many cases a property runs and from which seed. `npm test` runs a
 * CI-sized count from a fixed seed (the same cases every time, so a red CI
 * run replays as is); `LAB_DEEP=1` (npm run test:deep) multiplies the counts
 * and, unless `LAB_SEED` pins one, draws a fresh seed per run and prints it.
 */
export const DEEP = process.env["LAB_DEEP"] === "1";

/** The seed of the CI-sized runs: fixed, so that `npm test` is reproducible. */
export const CI_SEED = 20_260_110;

/** How much more a deep run does than a CI run (the brief: 10x to 50x). */
export const DEEP_FACTOR = 20;

/** The count of cases of one property: `ci` in `npm test`, `ci * factor` (at least `deepMin`) under LAB_DEEP. */
export function propertyRuns(ci: number, factor: number = DEEP_FACTOR): number {
  return DEEP ? Math.max(1, Math.round(ci * factor)) : ci;
}

/** LAB_SEED when given (a replay); else the CI seed, or a fresh one under LAB_DEEP. */
export function propertySeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const pinned = env["LAB_SEED"];
  if (pinned !== undefined && pinned !== "") {
    const seed = Number(pinned);
    if (!Number.isSafeInteger(seed)) throw new Error(`LAB_SEED must be an integer, got "${pinned}"`);
    return seed | 0;
  }
  if (env["LAB_DEEP"] === "1") return (Date.now() ^ (process.pid << 16)) | 0; // host-time-ok: a deep run explores new cases, and prints its seed
  return CI_SEED;
}

/** Cases from which a property runs on the property pool (a deep run); below, starting its threads costs more than it saves. */
export const POOL_MIN_RUNS = 64;

/** LAB_KNOWN_ISSUES=1: properties also draw the cases of known counter-examples (they fail until the lab is fixed). */
export const WITH_KNOWN_ISSUES = process.env["LAB_KNOWN_ISSUES"] === "1";
