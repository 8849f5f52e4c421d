import { describe, expect, it } from "vitest";
import { shareVerb } from "./share.ts";
import { buildTestLab, refusal, runVerb } from "./verb-test-kit.ts";

describe("share", () => {
  it("creates the folder and the share; readers decide which computers can read it", async () => {
    const lab = await buildTestLab();
    await runVerb(shareVerb, lab, { host: "FS01", name: "Clients", path: "C:\\Shares\\Clients", readers: ["APP01$"] });
    expect(lab.host("FS01").fs.isDirectory("C:\\Shares\\Clients")).toBe(true);
    lab.host("FS01").fs.writeFile("C:\\Shares\\Clients\\x.msi", "msi");
    expect(lab.shares.resolve("\\\\FS01\\Clients\\x.msi", "APP01", true)).toMatchObject({ exists: true, readable: true });
    expect(lab.shares.resolve("\\\\FS01\\Clients\\x.msi", "WEB01", true)).toMatchObject({ exists: true, readable: false });
    await runVerb(shareVerb, lab, { host: "FS01", name: "Clients", path: "C:\\Shares\\Clients" });
    expect(lab.shares.resolve("\\\\fs01.corp.example\\clients\\x.msi", "WEB01", true).readable).toBe(true);
  });

  it("refuses a share name with a slash and an unknown host", async () => {
    expect(refusal(shareVerb, { host: "FS01", name: "a\\b", path: "C:\\x" })[0]).toMatch(/no \\ or \//);
    expect(refusal(shareVerb, { host: "FS01", name: "a", path: "C:\\x", readers: [] })).not.toEqual([]);
    const lab = await buildTestLab();
    await expect(runVerb(shareVerb, lab, { host: "FS09", name: "a", path: "C:\\x" })).rejects.toThrow(/no host FS09/);
  });
});
