import { LabError } from "../kernel/index.ts";
import { compilePerimeterRule, perimeterRuleMatches, type CompiledPerimeterRule, type PerimeterPacket, type PerimeterRule } from "./perimeter-rule.ts";

/** The name a drop carries when no rule matched a packet crossing between zones. */
export const DEFAULT_DENY_RULE = "default-deny";

export type PerimeterVerdict =
  | { readonly allowed: true; readonly rule?: string }
  | { readonly allowed: false; readonly rule: string };

/** Where a new rule goes in the ordered list; the end when absent. */
export interface RulePosition {
  readonly before?: string;
  readonly index?: number;
}

/**
 * The firewall between the zones: an ordered rule list, first match wins.
 * Traffic within one zone never crosses it (allowed); traffic between zones
 * that no rule matches is denied. It is stateless, like the two-direction
 * rule table of the APR document: a reply is a packet of its own and needs a
 * rule of its own (e.g. UDP from port 5100 of the server to any port of the web).
 */
export class PerimeterFirewall {
  readonly #rules: CompiledPerimeterRule[] = [];

  add(rule: PerimeterRule, position: RulePosition = {}): void {
    const compiled = compilePerimeterRule(rule);
    const name = compiled.rule.name;
    if (this.#indexOf(name) >= 0) {
      throw new LabError({ code: "NET_RULE_DUPLICATE", message: `a perimeter rule named "${name}" already exists`, remedy: "Remove it first or choose another name." });
    }
    this.#rules.splice(this.#insertionIndex(position), 0, compiled);
  }

  remove(name: string): void {
    const i = this.#indexOf(name);
    if (i < 0) throw unknownRule(name, this.#rules);
    this.#rules.splice(i, 1);
  }

  has(name: string): boolean {
    return this.#indexOf(name) >= 0;
  }

  rules(): readonly PerimeterRule[] {
    return this.#rules.map((r) => r.rule);
  }

  evaluate(packet: PerimeterPacket): PerimeterVerdict {
    if (packet.from.zone === packet.to.zone) return { allowed: true };
    const match = this.#rules.find((r) => perimeterRuleMatches(r, packet));
    if (!match) return { allowed: false, rule: DEFAULT_DENY_RULE };
    return match.rule.action === "allow" ? { allowed: true, rule: match.rule.name } : { allowed: false, rule: match.rule.name };
  }

  #indexOf(name: string): number {
    const wanted = name.trim().toLowerCase();
    return this.#rules.findIndex((r) => r.rule.name.toLowerCase() === wanted);
  }

  #insertionIndex(position: RulePosition): number {
    if (position.before !== undefined) {
      const i = this.#indexOf(position.before);
      if (i < 0) throw unknownRule(position.before, this.#rules);
      return i;
    }
    if (position.index !== undefined) {
      if (!Number.isInteger(position.index) || position.index < 0 || position.index > this.#rules.length) {
        throw new LabError({ code: "NET_RULE_POSITION_INVALID", message: `rule index ${position.index} is outside 0..${this.#rules.length}` });
      }
      return position.index;
    }
    return this.#rules.length;
  }
}

function unknownRule(name: string, rules: readonly CompiledPerimeterRule[]): LabError {
  const known = rules.map((r) => r.rule.name).join(", ") || "none";
  return new LabError({ code: "NET_RULE_UNKNOWN", message: `no perimeter rule named "${name}"; rules: ${known}` });
}
