import { describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumAvailability } from "./chromium.ts";

describe("chromiumAvailability", () => {
  const present = (path: string) => path === CHROMIUM_PATH || path === "/opt/chrome";
  const absent = () => false;

  it("finds Debian's Chromium, or the one LAB_CHROMIUM names", () => {
    expect(chromiumAvailability({}, present)).toEqual({ available: true, executablePath: CHROMIUM_PATH });
    expect(chromiumAvailability({ LAB_CHROMIUM: "/opt/chrome", CI: "true" }, present)).toEqual({ available: true, executablePath: "/opt/chrome" });
  });

  it("without Chromium, skips outside CI with a message that says how to install it", () => {
    const skipped = chromiumAvailability({}, absent);
    expect(skipped).toEqual({ available: false, reason: expect.stringContaining("no Chromium at /usr/bin/chromium (apt-get update && apt-get install -y chromium") });
    expect(chromiumAvailability({ CI: "false", LAB_CHROMIUM: "/nope" }, absent)).toMatchObject({ available: false, reason: expect.stringContaining("LAB_CHROMIUM=/nope does not exist") });
  });

  it("without Chromium under CI=true, refuses: CI must run the browser tests", () => {
    expect(() => chromiumAvailability({ CI: "true" }, absent)).toThrow(expect.objectContaining({ code: "CHROMIUM_MISSING", message: expect.stringContaining("apt-get install -y chromium") }));
  });
});
