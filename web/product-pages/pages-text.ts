import { hostResolverRules } from "./pages-chromium.ts";
import type { PagesServer, ServedCertificate, ServedSite } from "./serve-pages.ts";

export interface PagesTextOptions {
  /** This machine's time: a real browser checks the lab's certificates against it, not against lab time. */
  readonly now: Date;
  /** The browser to suggest: its executable and a profile that trusts the client's roots (writeChromiumProfile). */
  readonly browser?: { readonly executable: string; readonly profileDir: string };
}

/** What `lab pages` prints: where each page answers, what could not be served, and how to point a browser at it. */
export function pagesText(pages: PagesServer, options: PagesTextOptions): string[] {
  const who = pages.client ? `as ${pages.client} sees them` : "(the lab has no workstation: names resolve from each web server)";
  const lines = [`The lab's web sites on 127.0.0.1, ${who}:`];
  for (const site of pages.sites) lines.push(...siteLines(site, options.now).map((l) => `  ${l}`));
  if (pages.sites.length === 0) lines.push("  none");
  for (const u of pages.unserved) lines.push(`  Not served: ${u.host} "${u.site}": ${u.reason}`);
  if (pages.apr.length > 0) {
    lines.push("Password Reset Servers (Netwrix) on real UDP, where the Web Interfaces send:");
    for (const s of pages.apr) lines.push(`  ${s.host}: lab ${s.lab.address}:${s.lab.port} -> 127.0.0.1:${s.real.port}`);
  }
  const first = pages.sites.find((s) => s.names.length > 0);
  if (options.browser && first) {
    const args = [options.browser.executable, `--user-data-dir=${options.browser.profileDir}`, `--host-resolver-rules=${hostResolverRules(pages.names)}`, pageUrls(first)[0]!];
    lines.push(`A browser that reaches the lab by name and trusts what ${pages.client ?? "the lab"} trusts (a new profile):`, `  ${args.map(shellQuote).join(" ")}`);
  }
  return lines;
}

function siteLines(site: ServedSite, now: Date): string[] {
  const head = `${site.host} "${site.site}" (${site.protocol}, port ${site.port}, ${site.time === "lab" ? "lab time" : "host time"})`;
  if (site.names.length === 0) return [head, `  no name of ${site.host} resolves from the client; it answers at ${site.protocol}://127.0.0.1:${site.port}/`];
  return [
    head,
    ...pageUrls(site).map((u) => `  ${u}`),
    ...(site.names.length > 1 ? [`  also as ${site.names.slice(1).join(", ")}`] : []),
    ...site.certificates.map((c) => `  certificate for ${c.dnsNames.join(", ") || "(no DNS name)"}: ${validity(c, now)}`),
  ];
}

/** The site's applications by its first name, deepest first (the product's pages before the IIS welcome page). */
function pageUrls(site: ServedSite): string[] {
  const base = `${site.protocol}://${site.names[0]}:${site.port}`;
  return [...site.applications].sort((a, b) => b.length - a.length).map((path) => `${base}${path === "/" ? "/" : `${path}/`}`);
}

function validity(c: ServedCertificate, now: Date): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (now < c.notBefore) return `NOT YET VALID on this machine's clock (from ${day(c.notBefore)}): browsers refuse it`;
  if (now > c.notAfter) return `EXPIRED on this machine's clock (${day(c.notAfter)}): browsers refuse it (lab certificates date from the lab's epoch)`;
  return `valid until ${day(c.notAfter)}`;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
