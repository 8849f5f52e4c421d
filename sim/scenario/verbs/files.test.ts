import { describe, expect, it } from "vitest";
import { filesVerb } from "./files.ts";
import { buildTestLab, eventsOf, refusal, runVerb } from "./verb-test-kit.ts";

const APR = "C:\\Program Files\\APR";

describe("files", () => {
  it("writes, copies (a file onto a folder lands inside), moves, makes folders and deletes", async () => {
    const lab = await buildTestLab();
    const fs = lab.host("APP01").fs;
    await runVerb(filesVerb, lab, { host: "APP01", write: { path: `${APR}\\APR.dll`, content: "v2", version: "2.0.1.0" } });
    expect(fs.fileVersion(`${APR}\\APR.dll`)).toBe("2.0.1.0");
    await runVerb(filesVerb, lab, { host: "APP01", mkdir: "C:\\Staging" });
    await runVerb(filesVerb, lab, { host: "APP01", copy: { from: `${APR}\\APR.dll`, to: "C:\\Staging" } });
    expect(fs.readText("C:\\Staging\\APR.dll")).toBe("v2");
    await runVerb(filesVerb, lab, { host: "APP01", move: { from: "C:\\Staging\\APR.dll", to: "C:\\Staging\\old.dll" } });
    expect(fs.isFile("C:\\Staging\\old.dll") && !fs.isFile("C:\\Staging\\APR.dll")).toBe(true);
    await runVerb(filesVerb, lab, { host: "APP01", write: { path: "C:\\big.bin", size: 5_000_000 } });
    expect(fs.stat("C:\\big.bin")!.size).toBe(5_000_000);
    const mark = lab.trace.length;
    await runVerb(filesVerb, lab, { host: "APP01", delete: "C:\\Staging" });
    expect(fs.exists("C:\\Staging")).toBe(false);
    expect(eventsOf(lab, "files.delete-missing", mark)).toHaveLength(0);
    await runVerb(filesVerb, lab, { host: "APP01", delete: "C:\\Staging" });
    expect(eventsOf(lab, "files.delete-missing", mark)).toHaveLength(1);
  });

  it("copies over a share between machines, versions and all, and moves across them", async () => {
    const lab = await buildTestLab();
    lab.host("FS01").fs.writeFile("C:\\Deploy\\Web\\bin\\APR.dll", "x", { version: "3.1.0.0" });
    lab.host("FS01").fs.writeFile("C:\\Deploy\\Web\\web.config", "<configuration/>");
    await runVerb(filesVerb, lab, { host: "WEB01", copy: { from: "\\\\FS01\\deploy\\Web", to: "C:\\inetpub\\APR" } });
    const web = lab.host("WEB01").fs;
    expect(web.fileVersion("C:\\inetpub\\APR\\bin\\APR.dll")).toBe("3.1.0.0");
    expect(web.readText("C:\\inetpub\\APR\\web.config")).toBe("<configuration/>");
    expect(eventsOf(lab, "files.copied").at(-1)!.data).toMatchObject({ files: 2 });
    await runVerb(filesVerb, lab, { host: "WEB01", move: { from: "C:\\inetpub\\APR\\web.config", to: "\\\\FS01\\deploy\\web.config.bak" } });
    expect(web.exists("C:\\inetpub\\APR\\web.config")).toBe(false);
    expect(lab.host("FS01").fs.readText("C:\\Deploy\\web.config.bak")).toBe("<configuration/>");
  });

  it("backs a folder up as a fresh copy and restores it, leaving out excluded files", async () => {
    const lab = await buildTestLab();
    const fs = lab.host("WEB01").fs;
    fs.writeFile(`${APR}\\APR.dll`, "old", { version: "2.0.0.0" });
    fs.writeFile(`${APR}\\Web\\web.config`, "custom");
    fs.writeFile("C:\\Backup\\APR\\stale.txt", "from an older backup");
    await runVerb(filesVerb, lab, { host: "WEB01", backup: { from: APR, to: "C:\\Backup\\APR" } });
    expect(fs.exists("C:\\Backup\\APR\\stale.txt")).toBe(false);
    expect(fs.readText("C:\\Backup\\APR\\Web\\web.config")).toBe("custom");
    fs.writeFile(`${APR}\\APR.dll`, "new", { version: "3.0.0.0" });
    fs.writeFile(`${APR}\\Web\\web.config`, "default");
    await runVerb(filesVerb, lab, { host: "WEB01", restore: { from: "C:\\Backup\\APR", to: APR, exclude: ["apr.DLL"] } });
    expect(fs.readText(`${APR}\\Web\\web.config`)).toBe("custom");
    expect(fs.fileVersion(`${APR}\\APR.dll`)).toBe("3.0.0.0");
    expect(eventsOf(lab, "files.restored").at(-1)!.data).toMatchObject({ files: 1, excluded: ["C:\\Backup\\APR\\APR.dll"] });
    await runVerb(filesVerb, lab, { host: "WEB01", restore: { from: "C:\\Backup\\APR", to: APR } });
    expect(fs.fileVersion(`${APR}\\APR.dll`)).toBe("2.0.0.0");
  });

  it("a full disk is traced as files.failed, not an error", async () => {
    const lab = await buildTestLab({ hosts: [{ name: "APP01", os: "windows-server-2019", diskFreeMb: 1 }] });
    await runVerb(filesVerb, lab, { host: "APP01", write: { path: "C:\\small.bin", size: 1000 } });
    expect(eventsOf(lab, "files.failed")).toHaveLength(0);
    await runVerb(filesVerb, lab, { host: "APP01", write: { path: "C:\\huge.bin", size: 2 * 1024 * 1024 } });
    expect(eventsOf(lab, "files.failed")[0]!.data).toMatchObject({ code: "DISK_FULL" });
    expect(lab.host("APP01").fs.exists("C:\\huge.bin")).toBe(false);
  });

  it("refuses unclear steps, local paths without a host, unknown shares and missing sources", async () => {
    expect(refusal(filesVerb, { host: "A" })[0]).toMatch(/exactly one of copy, move, delete/);
    expect(refusal(filesVerb, { host: "A", delete: "C:\\x", mkdir: "C:\\y" })[0]).toMatch(/exactly one/);
    expect(refusal(filesVerb, { host: "A", copy: { from: "C:\\x" } })).not.toEqual([]);
    expect(filesVerb.refs!({ host: "WEB01", copy: { from: "\\\\FS01\\deploy\\x", to: "C:\\x" } })).toEqual({ hosts: ["WEB01", "FS01"] });
    const lab = await buildTestLab();
    await expect(runVerb(filesVerb, lab, { delete: "C:\\x" })).rejects.toThrow(/say on which machine with host/);
    await expect(runVerb(filesVerb, lab, { delete: "\\\\FS01\\nope\\x" })).rejects.toThrow(/no share for \\\\FS01\\nope\\x; the lab's shares: \\\\FS01\\deploy/);
    await expect(runVerb(filesVerb, lab, { host: "APP01", copy: { from: "C:\\nothing", to: "C:\\x" } })).rejects.toThrow(/nothing at C:\\nothing on APP01/);
    await expect(runVerb(filesVerb, lab, { delete: "\\\\FS01\\deploy\\gone.txt" })).resolves.toBeUndefined();
  });
});
