// Text for the page, as the terminal narration words it.

/** Step arguments as an operator would write them: `{ host: WEB01, to: 3.23 }`, `[enroll, reset]`. */
export function argsText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return /^[\w.\-\\:/@]+$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(argsText).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${k}: ${argsText(v)}`).join(", ")} }`;
  }
  return String(value);
}

/** `#12 APP01 widget widget.ping {"answered":false}` */
export function eventText(e: { id: number; host: string; component: string; kind: string; data: Record<string, unknown> }): string {
  const data = Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : "";
  return `#${e.id} ${e.host} ${e.component} ${e.kind}${data}`;
}

/** Lab time in ms as `+1d 02:03:04.005` from the lab's start. */
export function labTime(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rest = new Date(ms % 86_400_000).toISOString().slice(11, 23);
  return `+${days ? `${days}d ` : ""}${rest}`;
}
