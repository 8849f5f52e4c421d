import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { escapeXml as h } from "../sim/scenario/index.ts";

/** Browser tests save their screenshots here, inside the reports directory. */
export const SCREENSHOTS_DIR = "screenshots";

export interface Screenshot {
  /** Relative to the reports directory, as the HTML report links it. */
  readonly file: string;
  readonly title: string;
}

/** Where a browser test saves the screenshot `name` (e.g. "dashboard-1-catalog"); the directory is made. */
export function screenshotPath(reportsDir: string, name: string): string {
  const dir = join(reportsDir, SCREENSHOTS_DIR);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

/** The screenshots in the reports directory, by name (tests number them in the order taken). */
export function listScreenshots(reportsDir: string): Screenshot[] {
  let files: string[];
  try {
    files = readdirSync(join(reportsDir, SCREENSHOTS_DIR));
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => ({ file: `${SCREENSHOTS_DIR}/${f}`, title: f.replace(/\.png$/, "").replace(/[-_]+/g, " ") }));
}

/**
 * A section for the HTML report (lab-report.html sits in the same directory):
 * each screenshot a linked thumbnail with its name. Empty when there is none.
 */
export function screenshotGalleryHtml(reportsDir: string): string {
  const shots = listScreenshots(reportsDir);
  if (shots.length === 0) return "";
  const figures = shots
    .map((s) => `<figure style="margin:0;max-width:22rem"><a href="${h(s.file)}"><img src="${h(s.file)}" alt="${h(s.title)}" style="width:100%;border:1px solid #d0d7de;border-radius:6px"></a><figcaption style="font-size:.85rem;color:#57606a">${h(s.title)}</figcaption></figure>`)
    .join("\n");
  return `<section class="screenshots" style="padding:0 2rem 2rem"><h2>Browser checks</h2><p>Screenshots taken by the browser tests (Chromium, headless).</p><div style="display:flex;flex-wrap:wrap;gap:1rem">\n${figures}\n</div></section>`;
}
