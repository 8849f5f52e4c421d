import type { Zone } from "../../lab-spec.ts";
import { SPR_ADMIN, SPR_CLIENT, SPR_SERVER, SPR_WEB, type SprComponent } from "./components.ts";
import { compareVersions } from "./versions.ts";

/** One installed component, where it is: what the order rules compare. */
export interface Placed {
  readonly host: string;
  readonly component: SprComponent;
  readonly version: string;
  readonly zone: Zone;
}

export interface OrderBreach {
  readonly rule: string;
  readonly detail: string;
}

/**
 * The documented order, Server (internal) → Web (internal) → DMZ web →
 * Administration Tools → Client, as a check made when a setup is about to
 * bring `component` on `zone` to `target`: every component earlier in the
 * order must already be at `target` or later.
 */
export function orderBreaches(component: SprComponent, zone: Zone, target: string, placed: readonly Placed[]): { checked: string[]; breaches: OrderBreach[] } {
  const behind = (c: SprComponent, z?: (zone: Zone) => boolean) =>
    placed.filter((p) => p.component === c && (!z || z(p.zone)) && compareVersions(p.version, target) < 0);
  const list = (ps: Placed[]) => ps.map((p) => `${p.component} ${p.version} on ${p.host}`).join(", ");
  const checked: string[] = [];
  const breaches: OrderBreach[] = [];
  const rule = (id: string, late: Placed[], what: string) => {
    checked.push(id);
    if (late.length > 0) breaches.push({ rule: id, detail: `${what} before ${list(late)}` });
  };
  const internalServers = behind(SPR_SERVER, (z) => z !== "dmz");
  if (component === SPR_WEB) {
    rule("spr.order.server-first", internalServers, `the Web is brought to ${target}`);
    if (zone === "dmz") rule("spr.order.web-before-dmz", behind(SPR_WEB, (z) => z !== "dmz"), `the DMZ web is brought to ${target}`);
  } else if (component === SPR_ADMIN) {
    rule("spr.order.admin-after-web", [...internalServers, ...behind(SPR_WEB)], `the Administration Tools are brought to ${target}`);
  } else if (component === SPR_CLIENT) {
    rule("spr.order.client-last", [...internalServers, ...behind(SPR_WEB), ...behind(SPR_ADMIN)], `the Client is deployed at ${target}`);
  }
  return { checked, breaches };
}
