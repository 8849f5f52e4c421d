export interface FirewallRule {
  readonly name: string;
  readonly protocol: "udp" | "tcp";
  /** Local port the rule opens. */
  readonly port: number;
  /** Program the rule is tied to, when it is a program exception. */
  readonly program?: string;
  readonly enabled: boolean;
}

/**
 * Windows Firewall of one host: inbound blocked unless a rule allows it,
 * outbound allowed (Windows' default profile).
 */
export class WindowsFirewall {
  #enabled: boolean;
  /** Made at the first rule: most hosts of a lab never get one. */
  #rules: Map<string, FirewallRule> | undefined;

  constructor(enabled = true) {
    this.#enabled = enabled;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
  }

  addRule(rule: Omit<FirewallRule, "enabled"> & { enabled?: boolean }): void {
    (this.#rules ??= new Map()).set(rule.name.toLowerCase(), { ...rule, enabled: rule.enabled ?? true });
  }

  removeRule(name: string): boolean {
    return this.#rules?.delete(name.toLowerCase()) ?? false;
  }

  rule(name: string): FirewallRule | undefined {
    return this.#rules?.get(name.toLowerCase());
  }

  rules(): FirewallRule[] {
    return this.#rules ? [...this.#rules.values()] : [];
  }

  allowsInbound(protocol: "udp" | "tcp", port: number): { allowed: boolean; rule?: string } {
    if (!this.#enabled) return { allowed: true, rule: "firewall off" };
    const match = this.rules().find((r) => r.enabled && r.protocol === protocol && r.port === port);
    return match ? { allowed: true, rule: match.name } : { allowed: false };
  }
}
