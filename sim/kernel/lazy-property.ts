/**
 * Where a lazy value's computation waits, under a key that is neither
 * enumerated nor serialised nor cloned: the own property stays a plain
 * enumerable getter, as a literal `get` would be.
 */
const THUNKS = Symbol("lazy values");
type WithThunks = { [THUNKS]: Record<string, () => unknown> };

const getters = new Map<string, () => unknown>();

/**
 * One getter function per key, shared by every object (a module-level table of
 * pure functions: it holds no lab state). Why not a `get` in an object
 * literal: V8 allocates a literal's accessor pair in the old generation; it
 * points at the young closure, and until the next full GC that pointer keeps
 * the closure's world (a run's whole trace) alive through every young GC,
 * which copies and then promotes all of it.
 */
function sharedGetter(key: string): () => unknown {
  let getter = getters.get(key);
  if (!getter) {
    getter = function (this: WithThunks) {
      return this[THUNKS][key]!();
    };
    getters.set(key, getter);
  }
  return getter;
}

/**
 * Gives `target` an enumerable, read-only property `key` computed by
 * `compute` when read (the caller memoises it if it should run once). Use
 * it instead of an object-literal getter on objects made per run.
 */
export function withLazy<T extends object, K extends string, V>(target: T, key: K, compute: () => V): T & { readonly [k in K]: V } {
  const holder = target as Partial<WithThunks>;
  if (holder[THUNKS]) holder[THUNKS][key] = compute;
  else Object.defineProperty(target, THUNKS, { value: { [key]: compute } });
  Object.defineProperty(target, key, { get: sharedGetter(key), enumerable: true, configurable: true });
  return target as T & { readonly [k in K]: V };
}
