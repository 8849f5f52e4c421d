import { compareAprVersions, type AprVersion } from "./apr-versions.ts";

/**
 * The Web Interface's HTML templates as Setup installs them. Only the 3.23
 * templates use HTML5 and CSS3 (flexbox), which need document mode 9 or
 * later (002, "Upgrading From APR V2.x": V3.23 uses HTML5 and CSS3 features
 * IE 8 and earlier lack; "Other Tasks": IE 7 emulation "cannot display the
 * new HTML templates"). Older templates, 3.x before 3.23 included, render in
 * IE 7 mode. The minimum mode is written into the page so a client can tell
 * what it needs.
 */
export const MIN_IE_META = "apr-min-document-mode";

/** Whether a version's templates are the new HTML5/CSS3 ones. */
function html5(version: AprVersion): boolean {
  return compareAprVersions(version, "3.23") >= 0;
}

export function minDocumentMode(version: AprVersion): number {
  return html5(version) ? 9 : 7;
}

const TITLES: Readonly<Record<string, string>> = { default: "Password Reset", enroll: "Enroll", reset: "Reset your password", change: "Change your password" };

/**
 * The pages' own forms. They post to the page itself, with the field names
 * the Web Interface reads; a question pair left blank is not enrolled.
 * Labels wrap their inputs, so a browser (and a screen reader) finds each
 * field by its label.
 */
const FORMS: Readonly<Record<string, string>> = {
  enroll: [
    '<form method="post" class="enroll">',
    '<label>User name <input name="user" autocomplete="username"></label>',
    '<label>Password <input name="password" type="password" autocomplete="current-password"></label>',
    ...[1, 2, 3].map((n) => `<label>Question ${n} <input name="question${n}"></label>\n<label>Answer to question ${n} <input name="answer${n}" type="password"></label>`),
    "<button>Enroll</button></form>",
  ].join("\n"),
  change: [
    '<form method="post" class="change">',
    '<label>User name <input name="user" autocomplete="username"></label>',
    '<label>Old password <input name="oldPassword" type="password" autocomplete="current-password"></label>',
    '<label>New password <input name="newPassword" type="password" autocomplete="new-password"></label>',
    '<label>Confirm password <input name="confirmPassword" type="password" autocomplete="new-password"></label>',
    "<button>Change</button></form>",
  ].join("\n"),
};

export function templateFor(version: AprVersion, page: string): string {
  // A module-level memo of a pure function of constants: every install of the Web Interface writes every page.
  const key = `${version}|${page}`;
  let text = templates.get(key);
  if (text === undefined) templates.set(key, (text = render(version, page)));
  return text;
}

const templates = new Map<string, string>();

function render(version: AprVersion, page: string): string {
  if (page === "apr.css") {
    return html5(version)
      ? `/* Netwrix Password Reset ${version} */\nbody{display:flex;flex-direction:column;font-family:Segoe UI,sans-serif}\n.result.ok{color:#060}.result.error{color:#a00}\nform label{display:block;margin:.4em 0}\n`
      : `/* ANIXIS Password Reset ${version} */\nbody{font-family:Tahoma,sans-serif}\nform label{display:block;margin:.4em 0}\n`;
  }
  const title = TITLES[page] ?? page;
  const doctype = html5(version) ? "<!DOCTYPE html>" : '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">';
  const form = FORMS[page] ? `\n${FORMS[page]}` : "";
  return `${doctype}
<html><head><meta charset="utf-8"><meta name="apr-version" content="${version}"><meta name="${MIN_IE_META}" content="${minDocumentMode(version)}">
<title>${title}</title><link rel="stylesheet" href="apr.css"></head>
<body><h1>${title}</h1>
{{content}}${form}
</body></html>
`;
}

/** The minimum document mode a page says it needs (7 when it says nothing: old templates). */
export function pageMinDocumentMode(html: string): number {
  const m = MIN_IE_TAG.exec(html);
  return m ? Number(m[1]) : 7;
}

// Made once, not per page read; not global, so exec keeps no position between pages.
const MIN_IE_TAG = new RegExp(`<meta name="${MIN_IE_META}" content="(\\d+)">`);
