import { memoPure } from "../kernel/index.ts";
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Registry names compare case-insensitively, one character at a time, the way
 * Windows upcases them (a character whose upper case is longer, like "ß",
 * stays as it is). Names keep the case they were created with.
 */
export function foldName(name: string): string {
  return folded(name);
}

// Hosts fold the same few hundred key and value names over and over: a lookup costs a fifth of folding.
const folded = memoPure(fold);

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
