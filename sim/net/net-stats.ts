import { DROP_REASONS, type DropReason } from "./drop-reason.ts";

/** Counters of one network: packets delivered, dropped (by reason), duplicated, held back. */
export interface NetStats {
  readonly delivered: number;
  readonly dropped: Readonly<Record<DropReason, number>>;
  readonly duplicated: number;
  readonly reordered: number;
  /** Exceptions thrown by a datagram handler (caught, traced). */
  readonly handlerErrors: number;
}

export class NetCounters {
  delivered = 0;
  duplicated = 0;
  reordered = 0;
  handlerErrors = 0;
  readonly dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;

  snapshot(): NetStats {
    return { delivered: this.delivered, dropped: { ...this.dropped }, duplicated: this.duplicated, reordered: this.reordered, handlerErrors: this.handlerErrors };
  }
}
