import { LabError } from "../kernel/index.ts";

/**
 * A thumbprint as Windows compares them: 40 hex digits, case and spaces
 * ignored. Anything else (notably the invisible U+200E that the certificate
 * MMC snap-in puts in front of a copied thumbprint) is refused by name, since
 * that is exactly the mistake an operator needs to see.
 */
export function normalizeThumbprint(text: string): string {
  if (typeof text !== "string") {
    throw new LabError({ code: "CERT_THUMBPRINT_INVALID", message: `a thumbprint must be a string, got ${typeof text}` });
  }
  const compact = text.replace(/\s+/g, "").toUpperCase();
  const stray = [...compact].find((ch) => !/[0-9A-F]/.test(ch));
  if (stray !== undefined) {
    const codePoint = `U+${stray.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    throw new LabError({
      code: "CERT_THUMBPRINT_INVALID",
      message: `thumbprint "${text}" contains the character ${codePoint}, which is not a hex digit`,
      remedy: "re-type the thumbprint or strip invisible characters copied from the certificate dialog",
      details: { thumbprint: text, character: codePoint },
    });
  }
  if (compact.length !== 40) {
    throw new LabError({
      code: "CERT_THUMBPRINT_INVALID",
      message: `thumbprint "${text}" has ${compact.length} hex digits; a SHA-1 thumbprint has 40`,
      details: { thumbprint: text, digits: compact.length },
    });
  }
  return compact;
}

/** A serial number in a comparable form: upper-case hex, no separators, no leading zero bytes. */
export function normalizeSerialNumber(text: string): string {
  const compact = typeof text === "string" ? text.replace(/[\s:]+/g, "").toUpperCase() : "";
  if (!/^[0-9A-F]+$/.test(compact)) {
    throw new LabError({
      code: "CERT_SERIAL_INVALID",
      message: `serial number "${String(text)}" is not hexadecimal`,
      details: { serialNumber: text },
    });
  }
  return compact.replace(/^(?:00)+(?=..)/, "");
}
