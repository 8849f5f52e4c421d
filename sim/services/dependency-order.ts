/**
 * Orders keys so each comes after the keys it depends on; ties in key order,
 * so boot order never depends on creation order. Dependencies outside `keys`
 * are followed when `dependsOn` knows them, but only `keys` are returned.
 */
export function dependencyOrder(keys: readonly string[], dependsOn: (key: string) => readonly string[]): string[] {
  const wanted = new Set(keys);
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (key: string, path: Set<string>): void => {
    if (done.has(key) || path.has(key)) return; // a cycle is refused at configuration time
    path.add(key);
    for (const dep of [...dependsOn(key)].sort()) visit(dep, path);
    path.delete(key);
    done.add(key);
    if (wanted.has(key)) out.push(key);
  };
  for (const key of [...keys].sort()) visit(key, new Set());
  return out;
}

/** A dependency cycle through `start`, as a list of keys ending where it began, or undefined. */
export function findCycle(start: string, dependsOn: (key: string) => readonly string[]): string[] | undefined {
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string): string[] | undefined => {
    if (key === start && stack.length > 0) return [...stack, key];
    if (seen.has(key)) return undefined;
    seen.add(key);
    stack.push(key);
    for (const dep of dependsOn(key)) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    return undefined;
  };
  return visit(start);
}
