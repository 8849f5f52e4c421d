const ASCII = /^[\x00-\x7f]*$/;

/**
 * Registry names compare case-insensitively, one character at a time, the way
 * Windows upcases them (a character whose upper case is longer, like "ß",
 * stays as it is). Names keep the case they were created with.
 */
export function foldName(name: string): string {
  // A module-level memo of a pure function of its argument: hosts fold the same few hundred key and value
  // names over and over, and a lookup costs a fifth of folding (and allocates nothing).
  let folded = FOLDED.get(name);
  if (folded === undefined) {
    folded = fold(name);
    if (FOLDED.size >= FOLDED_MAX) FOLDED.clear();
    FOLDED.set(name, folded);
  }
  return folded;
}

const FOLDED_MAX = 4096;
const FOLDED = new Map<string, string>();

function fold(name: string): string {
  // ASCII upcases one for one, and nearly every name is ASCII.
  if (ASCII.test(name)) return name.toUpperCase();
  let out = "";
  for (const ch of name) {
    const upper = ch.toUpperCase();
    out += upper.length === ch.length ? upper : ch;
  }
  return out;
}

/** Windows enumerates subkeys sorted by their upcased names, ordinally. */
export function compareNames(a: string, b: string): number {
  const fa = foldName(a);
  const fb = foldName(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}
