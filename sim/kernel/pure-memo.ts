/**
 * A memo of a pure function of one string. The substrate parses and folds the
 * same few hundred paths, key paths, names and DNs over and over; a lookup
 * costs a fraction of the work. Module-level memos built with this are
 * allowed because they hold no lab state: the same input always gives the
 * same result. Bounded (cleared when full); a throw is not remembered, so bad
 * input throws every time. Callers return frozen or immutable results.
 */
export function memoPure<R>(fn: (input: string) => R, max = 4096): (input: string) => R {
  const known = new Map<string, R>();
  return (input) => {
    let out = known.get(input);
    if (out === undefined) {
      out = fn(input);
      if (known.size >= max) known.clear();
      known.set(input, out);
    }
    return out;
  };
}
