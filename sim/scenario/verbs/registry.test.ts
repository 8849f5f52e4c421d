import { describe, expect, it } from "vitest";
import { registryVerb } from "./registry.ts";
import { toRegValue } from "./reg-value-input.ts";
import { buildTestLab, eventsOf, refusal, runVerb } from "./verb-test-kit.ts";

const KEY = "HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\2.0";

describe("registry", () => {
  it("sets values typed by their YAML form or the type given", async () => {
    const lab = await buildTestLab();
    const mark = lab.trace.length;
    await runVerb(registryVerb, lab, {
      host: "APP01",
      set: [
        { key: KEY, name: "ServerIP", value: "10.0.0.5" },
        { key: KEY, name: "Port", value: 5100 },
        { key: KEY, name: "Hosts", value: ["a", "b"] },
        { key: KEY, name: "Flags", type: "REG_DWORD", value: "0x10" },
        { key: KEY, name: "Blob", type: "REG_BINARY", value: "de ad be ef" },
        { key: KEY, value: "default" },
      ],
    });
    const view = lab.host("APP01").registry.view(64);
    expect(view.getValue(KEY, "ServerIP")).toEqual({ type: "REG_SZ", data: "10.0.0.5" });
    expect(view.getValue(KEY, "Port")).toEqual({ type: "REG_DWORD", data: 5100 });
    expect(view.getValue(KEY, "Hosts")).toEqual({ type: "REG_MULTI_SZ", data: ["a", "b"] });
    expect(view.getValue(KEY, "Flags")).toEqual({ type: "REG_DWORD", data: 16 });
    expect(view.getValue(KEY, "Blob")).toEqual({ type: "REG_BINARY", data: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) });
    expect(view.getValue(KEY, "")).toEqual({ type: "REG_SZ", data: "default" });
    expect(eventsOf(lab, "registry.set-value", mark).map((e) => e.data.name)).toEqual(["ServerIP", "Port", "Hosts", "Flags", "Blob", ""]);
  });

  it("writes through the 32-bit view into WOW6432Node when asked, and the 64-bit view by default", async () => {
    const lab = await buildTestLab();
    await runVerb(registryVerb, lab, { host: "APP01", view: 32, set: { key: "HKLM\\SOFTWARE\\Vendor", name: "A", value: "x" } });
    await runVerb(registryVerb, lab, { host: "APP01", set: { key: "HKLM\\SOFTWARE\\Vendor", name: "B", value: "y" } });
    const view = lab.host("APP01").registry.view(64);
    expect(view.getValue("HKLM\\SOFTWARE\\WOW6432Node\\Vendor", "A")).toEqual({ type: "REG_SZ", data: "x" });
    expect(view.getValue("HKLM\\SOFTWARE\\Vendor", "A")).toBeUndefined();
    expect(view.getValue("HKLM\\SOFTWARE\\Vendor", "B")).toEqual({ type: "REG_SZ", data: "y" });
  });

  it("deletes a value, or a key with its subkeys; a missing one is traced, not an error", async () => {
    const lab = await buildTestLab();
    await runVerb(registryVerb, lab, { host: "APP01", set: [{ key: `${KEY}\\Sub`, name: "X", value: "1" }, { key: KEY, name: "Y", value: "2" }] });
    await runVerb(registryVerb, lab, { host: "APP01", delete: { key: KEY, name: "Y" } });
    const view = lab.host("APP01").registry.view(64);
    expect(view.getValue(KEY, "Y")).toBeUndefined();
    expect(view.keyExists(`${KEY}\\Sub`)).toBe(true);
    const mark = lab.trace.length;
    await runVerb(registryVerb, lab, { host: "APP01", delete: { key: KEY } });
    expect(view.keyExists(KEY)).toBe(false);
    expect(eventsOf(lab, "registry.delete-missing", mark)).toHaveLength(0);
    await runVerb(registryVerb, lab, { host: "APP01", delete: [{ key: KEY }, { key: "HKLM\\SOFTWARE", name: "Nope" }] });
    expect(eventsOf(lab, "registry.delete-missing", mark).map((e) => e.data.name ?? e.data.path)).toEqual([KEY, "Nope"]);
  });

  it("imports .reg text or a .reg file (also over a share), listing skipped lines in the trace", async () => {
    const lab = await buildTestLab();
    const reg = `Windows Registry Editor Version 5.00\r\n\r\n[${KEY}]\r\n"ServerIP"="10.0.0.9"\r\nthis line is junk\r\n`;
    await runVerb(registryVerb, lab, { host: "APP01", import: reg });
    expect(lab.host("APP01").registry.view(64).getValue(KEY, "ServerIP")).toEqual({ type: "REG_SZ", data: "10.0.0.9" });
    const imported = eventsOf(lab, "registry.imported").at(-1)!;
    expect(imported.data).toMatchObject({ from: "inline", view: 64, applied: 2 });
    expect(imported.data.skipped).toEqual([expect.objectContaining({ line: 5, text: "this line is junk" })]);

    lab.host("FS01").fs.writeFile("C:\\Deploy\\clean.reg", `Windows Registry Editor Version 5.00\r\n\r\n[${KEY}]\r\n"Port"=dword:000013ec\r\n`);
    await runVerb(registryVerb, lab, { host: "WEB01", import: { file: "\\\\FS01\\deploy\\clean.reg" } });
    expect(lab.host("WEB01").registry.view(64).getValue(KEY, "Port")).toEqual({ type: "REG_DWORD", data: 5100 });
    expect(eventsOf(lab, "registry.imported").at(-1)!.data.skipped).toEqual([]);
  });

  it("a file without the header changes nothing and is traced as registry.import-failed", async () => {
    const lab = await buildTestLab();
    await runVerb(registryVerb, lab, { host: "APP01", import: `[${KEY}]\r\n"A"="b"\r\n` });
    expect(lab.host("APP01").registry.view(64).keyExists(KEY)).toBe(false);
    expect(eventsOf(lab, "registry.import-failed")[0]!.data).toMatchObject({ code: "REG_BAD_HEADER" });
  });

  it("refuses unclear or badly typed input with the reason", async () => {
    expect(refusal(registryVerb, { host: "A" })[0]).toMatch(/exactly one of set, delete, import/);
    expect(refusal(registryVerb, { host: "A", set: { key: KEY, name: "n", value: "x" }, import: "x" })[0]).toMatch(/exactly one/);
    expect(refusal(registryVerb, { host: "A", view: 48, set: { key: KEY, name: "n", value: "x" } })).not.toEqual([]);
    expect(refusal(registryVerb, { host: "A", set: { key: KEY, name: "n", type: "REG_DWORD", value: "lots" } })[0]).toMatch(/REG_DWORD takes a number/);
    expect(refusal(registryVerb, { host: "A", set: { key: KEY, name: "n", type: "REG_DWORD", value: -1 } })[0]).toMatch(/from 0 to 0xFFFFFFFF/);
    expect(refusal(registryVerb, { host: "A", set: { key: KEY, name: "n", type: "REG_BINARY", value: "xyz" } })[0]).toMatch(/hex bytes/);
    expect(refusal(registryVerb, { host: "A", set: { key: KEY, name: "n", type: "REG_SZ", value: ["a"] } })[0]).toMatch(/one string/);
    expect(refusal(registryVerb, { host: "A", set: { key: KEY, name: "n", type: "REG_DWORD", value: 7 } })).toEqual([]);
    expect(toRegValue("REG_QWORD", "0x100000000")).toEqual({ type: "REG_QWORD", data: 0x100000000n });
    const lab = await buildTestLab();
    await expect(runVerb(registryVerb, lab, { host: "APP01", import: { file: "C:\\missing.reg" } })).rejects.toThrow(/no file C:\\missing.reg on APP01/);
    await expect(runVerb(registryVerb, lab, { host: "APP01", set: { key: "HKXX\\Soft", name: "n", value: "x" } })).rejects.toThrow();
  });
});
