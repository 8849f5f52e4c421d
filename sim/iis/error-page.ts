import type { WebResponse } from "./web-request.ts";

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: "OK",
  301: "Moved Permanently",
  302: "Found",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "";
}

/** IIS's error page, short: status, sub-status and the reason (no request data). */
export function errorPage(status: number, subStatus: string, reason: string): WebResponse {
  const title = `HTTP Error ${subStatus} - ${statusText(status)}`;
  return {
    status,
    headers: { "content-type": "text/html" },
    body: `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(reason)}</p></body></html>`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
