/** Where an extra item goes: before the base item of index `at` (at = base length: at the end). */
export interface Insertion<T> {
  readonly at: number;
  readonly item: T;
}

/**
 * The base sequence with the extra items put in at their places; extras for
 * the same place keep their order, and the base keeps its own. `at` beyond
 * the end wraps (generated positions need no knowledge of the base length).
 */
export function interleave<T>(base: readonly T[], extras: readonly Insertion<T>[]): T[] {
  const slots: T[][] = Array.from({ length: base.length + 1 }, () => []);
  for (const extra of extras) slots[((extra.at % slots.length) + slots.length) % slots.length]!.push(extra.item);
  const out: T[] = [];
  for (let i = 0; i <= base.length; i++) {
    out.push(...slots[i]!);
    if (i < base.length) out.push(base[i]!);
  }
  return out;
}
