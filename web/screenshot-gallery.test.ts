import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listScreenshots, screenshotGalleryHtml, screenshotPath } from "./screenshot-gallery.ts";

const tmp = mkdtempSync(join(tmpdir(), "lab-shots-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the screenshots of the browser tests", () => {
  it("is empty, and adds nothing to the report, when no browser test ran", () => {
    expect(listScreenshots(join(tmp, "none"))).toEqual([]);
    expect(screenshotGalleryHtml(join(tmp, "none"))).toBe("");
  });

  it("lists them in order and links each from the report's directory, names escaped", () => {
    const dir = join(tmp, "reports");
    writeFileSync(screenshotPath(dir, "dashboard-2-failing"), "");
    writeFileSync(screenshotPath(dir, "dashboard-1-<catalog>"), "");
    writeFileSync(join(dir, "screenshots", "notes.txt"), "");
    expect(listScreenshots(dir)).toEqual([
      { file: "screenshots/dashboard-1-<catalog>.png", title: "dashboard 1 <catalog>" },
      { file: "screenshots/dashboard-2-failing.png", title: "dashboard 2 failing" },
    ]);
    const html = screenshotGalleryHtml(dir);
    expect(html).toContain('<a href="screenshots/dashboard-2-failing.png"><img src="screenshots/dashboard-2-failing.png"');
    expect(html).toContain("dashboard 1 &lt;catalog&gt;");
    expect(html).not.toContain("<catalog>");
  });
});
