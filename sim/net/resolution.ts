/** Where a name's address came from, in the order a Windows resolver asks. */
export type ResolveSource = "literal" | "hosts-file" | "domain-dns" | "public-dns";

export type Resolution =
  | { readonly ok: true; readonly name: string; readonly address: string; readonly source: ResolveSource }
  | { readonly ok: false; readonly name: string; readonly reason: "unresolved"; readonly detail: string };
