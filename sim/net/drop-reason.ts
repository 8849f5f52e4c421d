/** Why the network did not deliver a packet (trace `net.drop`, data.reason). */
export const DROP_REASONS = ["perimeter-rule", "host-firewall", "loss", "partition", "no-listener", "no-route", "unresolved"] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** The answer of a path check: open, or the first thing on the way that stops it. */
export type PathVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: DropReason; readonly rule?: string; readonly detail: string };
