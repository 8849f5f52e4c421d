import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openInBrowser } from "./open-browser.ts";

const tmp = mkdtempSync(join(tmpdir(), "lab-open-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A stand-in xdg-open that writes down the address it was given.
const bin = join(tmp, "bin");
const opened = join(tmp, "opened.txt");
mkdirSync(bin);
writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\necho "$1" > ${opened}\n`);
chmodSync(join(bin, "xdg-open"), 0o755);

describe("openInBrowser", () => {
  it("does nothing, saying why, without xdg-open on PATH or without a display", () => {
    expect(openInBrowser("http://127.0.0.1:1/", { PATH: join(tmp, "nowhere"), DISPLAY: ":0" })).toEqual({ opened: false, reason: "no xdg-open on PATH" });
    expect(openInBrowser("http://127.0.0.1:1/", { PATH: bin })).toEqual({ opened: false, reason: expect.stringContaining("no display") });
    expect(existsSync(opened)).toBe(false);
  });

  it("hands the address to xdg-open when there is one and a display, without waiting for it", async () => {
    expect(openInBrowser("http://127.0.0.1:7357/#scenario=widget-deaf", { PATH: bin, WAYLAND_DISPLAY: "wayland-0" })).toEqual({ opened: true, with: join(bin, "xdg-open") });
    for (let i = 0; i < 100 && !existsSync(opened); i++) await sleep(20);
    expect(readFileSync(opened, "utf8")).toBe("http://127.0.0.1:7357/#scenario=widget-deaf\n");
  });
});
