import type { Host } from "../../host/index.ts";
import { IE_EMULATION_KEY, LOGONUI_VALUE } from "./apr-layout.ts";
import { compareAprVersions, type AprVersion } from "./apr-versions.ts";

export interface DocumentModeDecision {
  /** The document mode the Password Reset Client's browser control renders in. */
  readonly mode: number;
  readonly why: string;
  /** Whether the LogonUI.exe emulation value was found and honoured. */
  readonly emulation: "honoured" | "ignored" | "absent" | "not-needed";
}

/**
 * How the Password Reset Client's embedded Internet Explorer renders. The
 * 3.23 client asks for IE 11 mode itself; older clients get IE 7 emulation
 * (the WebBrowser control's default) unless FEATURE_BROWSER_EMULATION gives
 * LogonUI.exe (the process the client runs in) 0x2AF8 = 11000, which only
 * Vista and later with IE 9 or later honour, and only in the registry view
 * of LogonUI's own bitness (the 64-bit view on 64-bit Windows). Either way
 * the mode cannot exceed the installed IE.
 */
export function clientDocumentMode(host: Host, clientVersion: AprVersion): DocumentModeDecision {
  const ie = host.ie;
  const vistaOrLater = host.os.ntVersion >= 6.0;
  if (compareAprVersions(clientVersion, "3.23") >= 0) {
    return { mode: Math.min(ie, 11), why: `the ${clientVersion} client requests IE 11 mode; IE ${ie} is installed`, emulation: "not-needed" };
  }
  const value = host.registry.view(host.is64Bit ? 64 : 32).getValue(IE_EMULATION_KEY, LOGONUI_VALUE);
  const asked = value?.type === "REG_DWORD" ? value.data : undefined;
  if (asked === undefined) {
    const wow = host.is64Bit ? host.registry.view(32).getValue(IE_EMULATION_KEY, LOGONUI_VALUE) : undefined;
    const note = wow ? " (a value exists in the 32-bit view, which the 64-bit LogonUI.exe does not read)" : "";
    return { mode: 7, why: `the ${clientVersion} client renders in IE 7 emulation mode: no ${LOGONUI_VALUE} value under FEATURE_BROWSER_EMULATION${note}`, emulation: "absent" };
  }
  if (!vistaOrLater || ie < 9) {
    return { mode: 7, why: `${LOGONUI_VALUE} = 0x${asked.toString(16).toUpperCase()} is ignored: ${!vistaOrLater ? `${host.os.name} is older than Vista` : `IE ${ie} is older than IE 9`}`, emulation: "ignored" };
  }
  const requested = asked >= 11000 ? 11 : asked >= 10000 ? 10 : asked >= 9000 ? 9 : asked >= 8000 ? 8 : 7;
  return { mode: Math.min(ie, requested), why: `${LOGONUI_VALUE} = 0x${asked.toString(16).toUpperCase()} asks for IE ${requested} mode; IE ${ie} is installed`, emulation: "honoured" };
}
