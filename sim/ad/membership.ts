import type { GroupEntry } from "./entries.ts";

/** Principals every authenticated account belongs to without being listed anywhere. */
export const IMPLICIT_GROUPS: ReadonlySet<string> = new Set(["authenticated users", "everyone"]);

/**
 * Group membership with AD's nesting: a member of a group that is itself a
 * member of another belongs to both, cycles included (AD allows them). The
 * primary group (Domain Users, Domain Computers, ...) is implicit, as AD keeps
 * it in primaryGroupID rather than in the group's member list. Keys are
 * lower-case sAMAccountNames.
 */
export class Membership {
  readonly #memberOf = new Map<string, Set<string>>();

  constructor(
    private readonly groups: ReadonlyMap<string, GroupEntry>,
    private readonly primaryGroupOf: (key: string) => string | undefined,
  ) {}

  add(groupKey: string, memberKey: string): boolean {
    const group = this.groups.get(groupKey);
    if (!group || group.members.has(memberKey)) return false;
    group.members.add(memberKey);
    let set = this.#memberOf.get(memberKey);
    if (!set) this.#memberOf.set(memberKey, (set = new Set()));
    set.add(groupKey);
    return true;
  }

  remove(groupKey: string, memberKey: string): boolean {
    const group = this.groups.get(groupKey);
    if (!group || !group.members.delete(memberKey)) return false;
    this.#memberOf.get(memberKey)?.delete(groupKey);
    return true;
  }

  /** Forgets a deleted principal everywhere. */
  forget(memberKey: string): void {
    for (const groupKey of this.#memberOf.get(memberKey) ?? []) this.groups.get(groupKey)?.members.delete(memberKey);
    this.#memberOf.delete(memberKey);
    const group = this.groups.get(memberKey);
    for (const m of group?.members ?? []) this.#memberOf.get(m)?.delete(memberKey);
  }

  /** Groups listed directly (the memberOf attribute; the primary group is not in it, as in AD). */
  directGroups(key: string): string[] {
    return [...(this.#memberOf.get(key) ?? [])].sort();
  }

  /** Every group the principal belongs to, nested and primary included (its token groups). */
  allGroups(key: string): Set<string> {
    const seen = new Set<string>();
    const queue: string[] = [...(this.#memberOf.get(key) ?? [])];
    const primary = this.primaryGroupOf(key);
    if (primary) queue.push(primary);
    while (queue.length > 0) {
      const g = queue.pop()!;
      if (seen.has(g)) continue;
      seen.add(g);
      for (const parent of this.#memberOf.get(g) ?? []) queue.push(parent);
    }
    return seen;
  }

  isMember(key: string, groupKey: string): boolean {
    if (IMPLICIT_GROUPS.has(groupKey)) return true;
    return this.allGroups(key).has(groupKey);
  }
}
