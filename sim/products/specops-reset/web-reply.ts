/**
 * What the Web's pages answer, as JSON in a 200 page (the user sees a
 * message; the lab's browser reads the fields). A failure says where it
 * happened, and carries the trace ids that show it.
 */
export type WebReply =
  | { readonly ok: true; readonly enrolled?: boolean; readonly data?: Readonly<Record<string, unknown>> }
  | {
      readonly ok: false;
      /** "channel": the Web could not talk to its Server; "server": the Server refused; "web": the Web itself refused. */
      readonly where: "channel" | "server" | "web";
      readonly code: string;
      readonly message: string;
      readonly rule?: string;
      readonly evidence: readonly number[];
      readonly pinned?: string;
      readonly presented?: string;
    };

export function parseWebReply(body: string): WebReply | undefined {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === "object" && "ok" in value ? (value as WebReply) : undefined;
  } catch {
    return undefined;
  }
}
