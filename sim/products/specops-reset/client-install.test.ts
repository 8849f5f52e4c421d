import { describe, expect, it } from "vitest";
import type { HostSpec } from "../../lab-spec.ts";
import { installedVersion } from "./estate.ts";
import { baseSpec, harness } from "./spr-test-kit.ts";

const WS32: HostSpec = { name: "WS32", os: "windows-10", arch: "x86", features: ["dotnet-3.5-sp1"], installed: { "spr-client": "7.0" } };
const GPSI = { host: "SPR01", gpo: "Specops Client", share: "\\\\FS01\\Specops" };
const client = (h: Awaited<ReturnType<typeof harness>>, name: string) => installedVersion(h.lab.host(name), "spr-client");

describe("the Client deployed by GPSI, at the workstations' restart", () => {
  it("installs the new Client on x64 and x86 workstations once the share holds the msi and they restart", async () => {
    const h = await harness(baseSpec({ version: "8.0", clientVersion: "7.0", extraHosts: [WS32] }));
    await h.step("setup-client-gpsi", GPSI);
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS01\\Specops" });
    expect(client(h, "WS01")).toBe("7.0");
    await h.step("restart-computers", {});
    expect([client(h, "WS01"), client(h, "WS32")]).toEqual(["8.0", "8.0"]);
    expect(h.lab.host("WS01").products.byComponent("spr-client")?.arch).toBe("x64");
    expect(h.rules(await h.verify("client"))).toEqual([]);
  });

  it("changes nothing before the restart (spr.client.restart)", async () => {
    const h = await harness(baseSpec({ version: "8.0", clientVersion: "7.0" }));
    await h.step("setup-client-gpsi", GPSI);
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS01\\Specops" });
    const f = await h.verify("client");
    expect(f.map((x) => [x.rule, x.host])).toEqual([["spr.client.restart", "WS01"]]);
  });

  it("fails at startup when the existing share lacks the msi (1612), and the check names spr.client.share", async () => {
    const h = await harness(baseSpec({ version: "8.0", clientVersion: "7.0" }));
    await h.step("setup-client-gpsi", GPSI);
    await h.step("restart-computers", {});
    expect(client(h, "WS01")).toBe("7.0");
    const failed = h.lab.trace.find((e) => e.kind === "gpsi.install-failed" && e.host === "WS01");
    expect(failed.at(-1)?.data["error"]).toBe(1612);
    const f = await h.verify("client");
    expect(f.map((x) => [x.rule, x.severity])).toEqual([["spr.client.share", "broken"]]);
    expect(f[0]!.evidence).toContain(failed.at(-1)!.id);
  });

  it("with only the x86 package upgraded, the x86 workstation gets it and the x64 one keeps the old Client", async () => {
    const h = await harness(baseSpec({ version: "8.0", clientVersion: "7.0", extraHosts: [WS32] }));
    await h.step("setup-client-gpsi", { ...GPSI, architectures: ["x86"] });
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS01\\Specops" });
    await h.step("restart-computers", {});
    expect([client(h, "WS01"), client(h, "WS32")]).toEqual(["7.0", "8.0"]);
    expect(h.lab.trace.find((e) => e.kind === "spr:client.arch-mismatch" && e.host === "WS01")).toHaveLength(1);
    expect((await h.verify("client")).map((x) => [x.rule, x.host])).toEqual([["spr.client.x86-x64", "WS01"]]);
  });

  it("with DFS load balancing, a workstation referred to a server without the files keeps the old Client", async () => {
    const spec = baseSpec({
      hosts: [
        ...baseSpec({ version: "8.0" }).hosts.filter((h) => h.name !== "WS01"),
        { name: "FS02", os: "windows-server-2019", shares: [{ name: "Specops", path: "C:\\Shares\\Specops", readers: ["domain-computers"] }] },
        { name: "WS01", os: "windows-10", features: ["dotnet-3.5-sp1"], installed: { "spr-client": { version: "7.0", gpo: "Specops Client", share: "\\\\FS01\\Specops", dfsTargets: ["\\\\FS01\\Specops", "\\\\FS02\\Specops"] } } },
        ...["WS02", "WS03", "WS04"].map((name): HostSpec => ({ name, os: "windows-10", features: ["dotnet-3.5-sp1"], installed: { "spr-client": "7.0" } })),
      ],
    });
    const h = await harness(spec);
    await h.step("setup-client-gpsi", GPSI);
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS01\\Specops" });
    await h.step("restart-computers", {});
    const missing = h.lab.trace.find((e) => e.kind === "spr:client.dfs-target-missing").map((e) => e.host);
    expect(missing.length).toBeGreaterThan(0);
    for (const ws of ["WS01", "WS02", "WS03", "WS04"]) expect(client(h, ws)).toBe(missing.includes(ws) ? "7.0" : "8.0");
    expect((await h.verify("client")).every((f) => f.rule === "spr.client.dfs")).toBe(true);
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS02\\Specops" });
    await h.step("restart-computers", {});
    expect(["WS01", "WS02", "WS03", "WS04"].map((ws) => client(h, ws))).toEqual(["8.0", "8.0", "8.0", "8.0"]);
  });

  it("refuses to install where the Client's requirements are unmet, and installs where they are", async () => {
    const h = await harness(baseSpec({ version: "8.0", clientVersion: "7.0", extraHosts: [{ name: "WS05", os: "windows-10" }] }));
    await h.step("setup-client-gpsi", GPSI);
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS01\\Specops" });
    await h.step("restart-computers", {});
    expect([client(h, "WS01"), client(h, "WS05")]).toEqual(["8.0", undefined]);
    expect((await h.verify("client")).map((x) => [x.rule, x.host])).toEqual([["spr.req.client.dotnet", "WS05"]]);
  });
});
