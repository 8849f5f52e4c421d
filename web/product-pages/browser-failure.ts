import type { TrustFailure } from "../../sim/certs/index.ts";
import type { ClientStage } from "../../sim/iis/index.ts";
import type { Lab } from "../../sim/lab.ts";
import type { Finding } from "../../sim/product/index.ts";

/** Why Chromium did not load a page, in the lab's terms (ClientFailure's stage and reason). */
export interface BrowserFailure {
  /** Chromium's own code, e.g. "ERR_CERT_AUTHORITY_INVALID". */
  readonly netError: string;
  readonly stage: ClientStage;
  /** The lab's reasons Chromium's code stands for (Chromium does not tell an untrusted root from a missing intermediate). */
  readonly reasons: readonly string[];
}

const NET_ERRORS: Readonly<Record<string, { stage: ClientStage; reasons: readonly (TrustFailure | string)[] }>> = {
  ERR_CERT_AUTHORITY_INVALID: { stage: "tls", reasons: ["untrusted-root", "partial-chain"] },
  ERR_CERT_COMMON_NAME_INVALID: { stage: "tls", reasons: ["name-mismatch"] },
  ERR_CERT_DATE_INVALID: { stage: "tls", reasons: ["expired", "not-yet-valid"] },
  ERR_CERT_REVOKED: { stage: "tls", reasons: ["revoked"] },
  ERR_CERT_INVALID: { stage: "tls", reasons: ["bad-signature"] },
  ERR_SSL_PROTOCOL_ERROR: { stage: "tls", reasons: ["handshake-failed"] },
  ERR_CONNECTION_RESET: { stage: "tls", reasons: ["handshake-failed"] },
  ERR_CONNECTION_CLOSED: { stage: "tls", reasons: ["handshake-failed"] },
  ERR_CONNECTION_REFUSED: { stage: "network", reasons: ["refused", "no-listener"] },
  ERR_NAME_NOT_RESOLVED: { stage: "dns", reasons: ["unresolved"] },
};

/**
 * Reads the net error out of what Playwright throws for a page that did not
 * load ("page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://..."). An
 * error of another kind, or a net error the lab has no words for, gives
 * undefined.
 */
export function browserFailure(error: unknown): BrowserFailure | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  const known = code ? NET_ERRORS[code] : undefined;
  return code && known ? { netError: code, stage: known.stage, reasons: known.reasons } : undefined;
}

/**
 * The lab's own diagnosis of what a real browser ran into: the finding
 * whose evidence holds a refusal of the lab's simulated browser for the same
 * reason (a `web.request.failed` event). Undefined when the lab saw no
 * such thing: then the real browser and the lab disagree.
 */
export function explainBrowserFailure(run: { readonly lab: Lab; readonly findings: readonly Finding[] }, failure: BrowserFailure): Finding | undefined {
  return run.findings.find((finding) =>
    finding.evidence.some((id) => {
      const event = run.lab.trace.get(id);
      return event?.kind === "web.request.failed" && event.data["stage"] === failure.stage && failure.reasons.includes(String(event.data["reason"]));
    }),
  );
}
