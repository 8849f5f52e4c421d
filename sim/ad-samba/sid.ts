/** A binary objectSid (as LDAP returns it) in its S-1-5-21-... text form. */
export function sidToString(sid: Uint8Array): string {
  if (sid.length < 8) throw new RangeError(`a SID has at least 8 bytes, got ${sid.length}`);
  const view = new DataView(sid.buffer, sid.byteOffset, sid.byteLength);
  const revision = sid[0]!;
  const count = sid[1]!;
  if (sid.length !== 8 + 4 * count) throw new RangeError(`a SID with ${count} sub-authorities has ${8 + 4 * count} bytes, got ${sid.length}`);
  // The identifier authority is a 48-bit big-endian number; the sub-authorities are little-endian.
  const authority = view.getUint16(2) * 2 ** 32 + view.getUint32(4);
  const parts = [`S-${revision}-${authority}`];
  for (let i = 0; i < count; i++) parts.push(String(view.getUint32(8 + 4 * i, true)));
  return parts.join("-");
}
