import { canonicalJson, type TraceEvent } from "../kernel/index.ts";

const MAX_LINES = 12;
const MAX_DATA = 90;

/**
 * What a step did, in a few lines: consecutive events of one kind on one
 * host and component are folded ("×3"), each shown with its first data.
 */
export function summariseEvents(events: readonly TraceEvent[]): string[] {
  const groups: { event: TraceEvent; count: number }[] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && last.event.kind === event.kind && last.event.host === event.host && last.event.component === event.component) last.count++;
    else groups.push({ event, count: 1 });
  }
  const lines = groups.slice(0, MAX_LINES).map(({ event, count }) => {
    const data = Object.keys(event.data).length === 0 ? "" : ` ${truncate(canonicalJson(event.data))}`;
    return `#${event.id} ${event.host} ${event.component}: ${event.kind}${count > 1 ? ` ×${count}` : ""}${data}`;
  });
  if (groups.length > MAX_LINES) lines.push(`… and ${groups.length - MAX_LINES} more kinds of event`);
  return lines;
}

function truncate(text: string): string {
  return text.length <= MAX_DATA ? text : `${text.slice(0, MAX_DATA - 1)}…`;
}
