/** Step arguments as an operator would write them: `{ host: WEB01, to: 3.23 }`, `[enroll, reset]`. */
export function formatArgs(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return /^[\w.\-\\:/@]+$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatArgs).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${k}: ${formatArgs(v)}`).join(", ")} }`;
  }
  return String(value);
}
