import { LabError } from "../kernel/index.ts";
import { parseAddressSelector, selectorMatches, type AddressSelector, type PacketEnd } from "./address-selector.ts";
import { parsePortSpec, portInRange, type PortRange, type PortSpec } from "./port-range.ts";

export type Protocol = "udp" | "tcp";
export type RuleProtocol = Protocol | "any";
export type RuleAction = "allow" | "deny";

/**
 * A perimeter firewall rule as written (the shape of a scenario's
 * `network.rules`). `from` and `to` are "any", a zone, an IPv4 address or a
 * CIDR block; `port` is the destination port, `sourcePort` the source port
 * (what a reply rule such as "from port 5100" needs); absent means any.
 */
export interface PerimeterRule {
  readonly name: string;
  readonly action: RuleAction;
  readonly protocol: RuleProtocol;
  readonly from: string;
  readonly to: string;
  readonly port?: PortSpec;
  readonly sourcePort?: PortSpec;
}

/** A packet crossing the perimeter, as the rules see it. */
export interface PerimeterPacket {
  readonly protocol: Protocol;
  readonly from: PacketEnd;
  readonly to: PacketEnd;
  /** Undefined when a path check does not know it: only rules without a source-port constraint match then. */
  readonly sourcePort: number | undefined;
  readonly destinationPort: number;
}

export interface CompiledPerimeterRule {
  readonly rule: PerimeterRule;
  readonly from: AddressSelector;
  readonly to: AddressSelector;
  readonly port: PortRange;
  readonly sourcePort: PortRange | undefined;
}

const PROTOCOLS: readonly RuleProtocol[] = ["udp", "tcp", "any"];
const ACTIONS: readonly RuleAction[] = ["allow", "deny"];

/** Validates a rule once, when it is added, so a bad rule fails with its name and field. */
export function compilePerimeterRule(rule: PerimeterRule): CompiledPerimeterRule {
  const name = typeof rule?.name === "string" ? rule.name.trim() : "";
  if (!name) throw invalid("(unnamed)", "a perimeter rule needs a non-empty name");
  if (!ACTIONS.includes(rule.action)) throw invalid(name, `action must be one of ${ACTIONS.join(", ")}, got ${JSON.stringify(rule.action)}`);
  if (!PROTOCOLS.includes(rule.protocol)) throw invalid(name, `protocol must be one of ${PROTOCOLS.join(", ")}, got ${JSON.stringify(rule.protocol)}`);
  if (typeof rule.from !== "string") throw invalid(name, "from must be a string");
  if (typeof rule.to !== "string") throw invalid(name, "to must be a string");
  const frozen = Object.freeze({ ...rule, name });
  try {
    return {
      rule: frozen,
      from: parseAddressSelector(rule.from, "from"),
      to: parseAddressSelector(rule.to, "to"),
      port: parsePortSpec(rule.port, "port"),
      sourcePort: rule.sourcePort === undefined ? undefined : parsePortSpec(rule.sourcePort, "sourcePort"),
    };
  } catch (error) {
    if (error instanceof LabError) throw invalid(name, error.message, error.remedy);
    throw error;
  }
}

export function perimeterRuleMatches(compiled: CompiledPerimeterRule, packet: PerimeterPacket): boolean {
  const { rule } = compiled;
  if (rule.protocol !== "any" && rule.protocol !== packet.protocol) return false;
  if (!selectorMatches(compiled.from, packet.from) || !selectorMatches(compiled.to, packet.to)) return false;
  if (!portInRange(compiled.port, packet.destinationPort)) return false;
  if (compiled.sourcePort) {
    if (packet.sourcePort === undefined || !portInRange(compiled.sourcePort, packet.sourcePort)) return false;
  }
  return true;
}

function invalid(name: string, message: string, remedy?: string): LabError {
  return new LabError({ code: "NET_RULE_INVALID", message: `perimeter rule "${name}": ${message}`, details: { rule: name }, ...(remedy ? { remedy } : {}) });
}
