import { CHANGE_ID_HEADER, DEADLINE_HEADER, PROCESSING_HEADER, soapEnvelope, xmlEscape, xmlField, type TargetDefinition, type TargetKind, type TargetSystems } from "./targets.ts";

/**
 * Sync Providers: the Sync Server's plug-ins that speak to one kind of
 * target. The lab ships two, one per target kind; a Sync Point names the
 * provider it uses. Setup installs all of them unless some are deselected.
 */
export const SHIPPED_PROVIDERS: readonly TargetKind[] = ["cloud-directory", "hr-system"];

/** The lab's figures: one-way network time to a target, and how long a provider waits for an answer. */
export const PROVIDER_LATENCY_MS = 40;
export const PROVIDER_TIMEOUT_MS = 30_000;

/** The deadline a provider gives a target: its own timeout less the network time both ways. */
const DEADLINE = String(PROVIDER_TIMEOUT_MS - 2 * PROVIDER_LATENCY_MS);

export type ProviderOutcome =
  | { readonly ok: true; readonly status: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly kind: "down" | "error" | "timeout"; readonly status?: number; readonly detail: string; readonly elapsedMs: number };

/**
 * One provider call. The outcome (status, body) comes from the target's
 * msw handler, a real Request answered with a real Response (a network
 * error rejects, as fetch does); the elapsed time is lab time: network
 * latency both ways plus the processing time the target reports.
 */
export async function callProvider(targets: TargetSystems, target: TargetDefinition, user: string, password: string, changeId: string): Promise<ProviderOutcome> {
  const request =
    target.kind === "cloud-directory"
      ? new Request(`${target.baseUrl}/api/v1/users/${encodeURIComponent(user)}/password`, {
          method: "PUT",
          headers: { [DEADLINE_HEADER]: DEADLINE, [CHANGE_ID_HEADER]: changeId, "content-type": "application/json" },
          body: JSON.stringify({ password }),
        })
      : new Request(`${target.baseUrl}/PasswordService.asmx`, {
          method: "POST",
          headers: { [DEADLINE_HEADER]: DEADLINE, [CHANGE_ID_HEADER]: changeId, "content-type": "text/xml; charset=utf-8", SOAPAction: "urn:hr#SetPassword" },
          body: soapEnvelope(`<SetPassword xmlns="urn:hr"><UserName>${xmlEscape(user)}</UserName><NewPassword>${xmlEscape(password)}</NewPassword></SetPassword>`),
        });
  let response: Response;
  try {
    response = await targets.fetch(request);
  } catch (cause) {
    return { ok: false, kind: "down", detail: `connection to ${target.baseUrl} failed: ${(cause as Error).message}`, elapsedMs: PROVIDER_TIMEOUT_MS };
  }
  const processing = Number(response.headers.get(PROCESSING_HEADER) ?? 0);
  const elapsedMs = 2 * PROVIDER_LATENCY_MS + processing;
  // A body-less answer (204) reads as "": no need to wait on reading it.
  const text = response.body === null ? "" : await response.text();
  if (elapsedMs > PROVIDER_TIMEOUT_MS) {
    return { ok: false, kind: "timeout", detail: `${target.baseUrl} answered after ${elapsedMs} ms; the provider gave up at ${PROVIDER_TIMEOUT_MS} ms`, elapsedMs: PROVIDER_TIMEOUT_MS };
  }
  const fault = target.kind === "hr-system" ? xmlField(text, "faultstring") : undefined;
  if (!response.ok || fault !== undefined) {
    const why = fault ?? errorMessage(text) ?? response.statusText;
    return { ok: false, kind: "error", status: response.status, detail: `${target.baseUrl} answered ${response.status}: ${why}`, elapsedMs };
  }
  return { ok: true, status: response.status, elapsedMs };
}

function errorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof body.error?.message === "string" ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}
