/** UTF-16LE, the registry's own string encoding. */
export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit & 0xff;
    out[i * 2 + 1] = unit >> 8;
  }
  return out;
}

/** Decodes whole code units; an odd trailing byte is ignored, as Windows does. */
export function decodeUtf16le(bytes: Uint8Array): string {
  let out = "";
  const units = bytes.length >> 1;
  for (let i = 0; i < units; i++) out += String.fromCharCode(bytes[i * 2]! | (bytes[i * 2 + 1]! << 8));
  return out;
}

/** Each string NUL-terminated, then one more NUL ends the list. */
export function joinMultiString(items: readonly string[]): string {
  return items.map((s) => `${s}\0`).join("") + "\0";
}

/**
 * Inverse of joinMultiString, lenient with data that lacks terminators
 * (Windows stores whatever bytes it is given).
 */
export function splitMultiString(text: string): string[] {
  let body = text.endsWith("\0") ? text.slice(0, -1) : text;
  if (body === "") return [];
  if (body.endsWith("\0")) body = body.slice(0, -1);
  return body.split("\0");
}
