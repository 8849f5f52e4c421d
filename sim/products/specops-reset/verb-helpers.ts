import { z } from "zod";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { StepContext } from "../../product/index.ts";
import { SPR_CLIENT, SPR_COMPONENT_IDS, type SprComponent } from "./components.ts";
import { installedVersion } from "./estate.ts";
import { orderBreaches, type Placed } from "./order-rules.ts";
import type { PrereqReport } from "./prerequisites.ts";
import { sprState } from "./spr-state.ts";
import { SPR_LATEST, SPR_VERSIONS } from "./versions.ts";

export const versionSchema = z.enum(SPR_VERSIONS).describe(`a version the lab models; ${SPR_LATEST} is the lab's "latest"`);

export const certificateChoiceSchema = z
  .strictObject({
    friendlyName: z.string().min(1).optional().describe("the certificate's friendly name in LocalMachine\\My"),
    thumbprint: z.string().min(1).optional().describe("the certificate's SHA-1 thumbprint"),
  })
  .refine((c) => c.friendlyName !== undefined || c.thumbprint !== undefined, { message: "name the certificate by friendlyName or thumbprint" });

/** Every component installed in the lab, and the Client's deployment (its GPO's packages) as one more. */
export function placedComponents(lab: Lab): Placed[] {
  const out: Placed[] = [];
  for (const host of lab.hosts()) {
    for (const component of SPR_COMPONENT_IDS) {
      if (component === SPR_CLIENT) continue;
      const version = installedVersion(host, component);
      if (version !== undefined) out.push({ host: host.name, component, version, zone: host.zone });
    }
  }
  return out;
}

/** Raises every unmet prerequisite of a report (blocked, unless the rule says otherwise) and marks the met ones; true when any was unmet. */
export function raiseMisses(ctx: StepContext, report: PrereqReport, host: Host, component: SprComponent, evidence: readonly number[] = []): boolean {
  const missed = new Set(report.misses.map((m) => m.rule));
  for (const miss of report.misses) {
    const e = host.record("spr-setup", "spr:setup.prerequisite-missing", { component, rule: miss.rule, detail: miss.detail });
    ctx.raise({ rule: miss.rule, severity: "blocked", host: host.name, component, message: miss.detail, evidence: [...evidence, e.id] });
  }
  for (const rule of report.checked) if (!missed.has(rule)) ctx.checked(rule);
  return report.misses.length > 0;
}

/** The order rules for a setup about to run; breaches warn (the document calls the order best practice). */
export function checkOrder(ctx: StepContext, host: Host, component: SprComponent, target: string): void {
  const { checked, breaches } = orderBreaches(component, host.zone, target, placedComponents(ctx.lab));
  const breached = new Set(breaches.map((b) => b.rule));
  for (const b of breaches) {
    const e = host.record("spr-setup", "spr:setup.out-of-order", { component, rule: b.rule, detail: b.detail });
    ctx.raise({ rule: b.rule, host: host.name, component, message: `Out of the documented order: ${b.detail}.`, evidence: [e.id] });
  }
  for (const rule of checked) if (!breached.has(rule)) ctx.checked(rule);
  ctx.checked("spr.order");
}

export function recordSetup(ctx: StepContext, host: Host, component: SprComponent, from: string | undefined, to: string): void {
  sprState(ctx.lab).setups.push({ step: ctx.step, host: host.name, component, from, to });
}

/** A blocked setup stops here: the finding says why, the estate is unchanged. */
export function block(ctx: StepContext, rule: string, host: Host, component: SprComponent, message: string, evidence: readonly number[] = []): void {
  const e = host.record("spr-setup", "spr:setup.refused", { component, rule, reason: message });
  ctx.raise({ rule, severity: "blocked", host: host.name, component, message, evidence: [...evidence, e.id] });
}
