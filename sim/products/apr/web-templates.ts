import { aprLine, type AprVersion } from "./apr-versions.ts";

/**
 * The Web Interface's HTML templates as Setup installs them. The 3.x
 * templates use HTML5 and CSS3 (flexbox, <input type=email>), which need
 * document mode 9 or later; the 2.x ones render in IE 7 mode. The minimum
 * mode is written into the page so a client can tell what it needs.
 */
export const MIN_IE_META = "apr-min-document-mode";

export function minDocumentMode(version: AprVersion): number {
  return aprLine(version).major >= 3 ? 9 : 7;
}

export function templateFor(version: AprVersion, page: string): string {
  if (page === "apr.css") {
    return aprLine(version).major >= 3
      ? `/* Netwrix Password Reset ${version} */\nbody{display:flex;flex-direction:column;font-family:Segoe UI,sans-serif}\n.result.ok{color:#060}.result.error{color:#a00}\n`
      : `/* ANIXIS Password Reset ${version} */\nbody{font-family:Tahoma,sans-serif}\n`;
  }
  const title = { default: "Password Reset", enroll: "Enroll", reset: "Reset your password", change: "Change your password" }[page] ?? page;
  const doctype = aprLine(version).major >= 3 ? "<!DOCTYPE html>" : '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">';
  return `${doctype}
<html><head><meta charset="utf-8"><meta name="apr-version" content="${version}"><meta name="${MIN_IE_META}" content="${minDocumentMode(version)}">
<title>${title}</title><link rel="stylesheet" href="apr.css"></head>
<body><h1>${title}</h1>
{{content}}
</body></html>
`;
}

/** The minimum document mode a page says it needs (7 when it says nothing: old templates). */
export function pageMinDocumentMode(html: string): number {
  const m = new RegExp(`<meta name="${MIN_IE_META}" content="(\\d+)">`).exec(html);
  return m ? Number(m[1]) : 7;
}
