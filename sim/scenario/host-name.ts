/**
 * Windows host names are case-insensitive and a DNS name's first label is
 * the host (as the Lab resolves them): WEB01, web01 and web01.corp.example
 * are one machine.
 */
export function hostKey(name: string): string {
  return name.split(".")[0]!.toUpperCase();
}

export function sameHost(a: string, b: string): boolean {
  return hostKey(a) === hostKey(b);
}
