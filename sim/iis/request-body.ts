import { LabError } from "../kernel/index.ts";

export interface ParsedBody {
  form?: Record<string, string>;
  json?: unknown;
}

/** Bodies larger than this are refused (413), as IIS's request filtering does by default (30 MB there; the lab's pages need far less). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Parses a request body by its content type: urlencoded forms into fields,
 * JSON into a value. Other types stay as the raw body only.
 */
export function parseRequestBody(contentType: string | undefined, body: string): ParsedBody {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    return { form: Object.fromEntries(new URLSearchParams(body)) };
  }
  if (type === "application/json" || type.endsWith("+json")) {
    if (body.trim() === "") return {};
    try {
      return { json: JSON.parse(body) as unknown };
    } catch (cause) {
      throw new LabError({ code: "IIS_BODY_INVALID", message: `the request body is not valid JSON: ${(cause as Error).message}` });
    }
  }
  return {};
}

/** Characters the urlencoded serializer never escapes: a name or value made only of them is its own encoding. */
const PLAIN = /^[A-Za-z0-9*._-]*$/;

/**
 * A form as a urlencoded body (what a browser sends for a POSTed form).
 * URLSearchParams encodes whatever is not plain; most names and many values
 * are, and go as they are (one URLSearchParams per form costs kilobytes).
 */
export function encodeForm(form: Readonly<Record<string, string>>): string {
  let body = "";
  for (const name in form) {
    if (!Object.hasOwn(form, name)) continue;
    const value = form[name]!;
    const pair = typeof value === "string" && PLAIN.test(name) && PLAIN.test(value) ? `${name}=${value}` : new URLSearchParams([[name, value]]).toString();
    body = body === "" ? pair : `${body}&${pair}`;
  }
  return body;
}
