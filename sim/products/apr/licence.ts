/**
 * Licence keys, the lab's own format: "APR<major>-XXXX-XXXX-XXXX". A key of
 * another major version does not license the installed one, which then runs
 * as an evaluation (the lab's inference: 30 days from installation).
 */
export const EVALUATION_MS = 30 * 86_400_000;

export function licenceMajor(key: string | undefined): number | undefined {
  const m = key ? /^APR(\d+)-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.exec(key.trim().toUpperCase()) : null;
  return m ? Number(m[1]) : undefined;
}

export function licensesMajor(key: string | undefined, major: number): boolean {
  return licenceMajor(key) === major;
}

/** A well-formed key of a major version, for scenarios that do not name one. */
export function sampleKey(major: number, serial = 1): string {
  const s = String(serial).padStart(4, "0");
  return `APR${major}-LAB0-${s}-KEY0`;
}
