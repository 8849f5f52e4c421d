import { describe, expect, it } from "vitest";
import { baseSpec, harness } from "./spr-test-kit.ts";

const SERVER = { host: "SPR01", serviceAccount: { user: "svc-spr", password: "Service2026!x" }, managementLevel: "DC=corp,DC=example" };
const GPSI = { host: "SPR01", gpo: "Specops Client", share: "\\\\FS01\\Specops" };

describe("upgrade order: what fails in between", () => {
  it("Server first: the newer Server still serves the older Web, nothing warns", async () => {
    const h = await harness(baseSpec());
    expect(h.rules(await h.step("setup-server", SERVER))).toEqual([]);
    expect(h.rules(await h.verify("reset"))).toEqual([]);
    expect(h.rules(await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" }))).toEqual([]);
  });

  it("Web first: a warning, then the older Server refuses the newer Web until it is upgraded", async () => {
    const h = await harness(baseSpec());
    expect(h.rules(await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" }))).toEqual(["spr.order.server-first"]);
    expect(h.rules(await h.verify("reset"))).toEqual(["spr.server.role.version"]);
    await h.step("setup-server", SERVER);
    expect(h.rules(await h.verify("reset"))).toEqual([]);
  });

  it("Administration Tools first: the configuration they write is unreadable to the older Server", async () => {
    const h = await harness(baseSpec());
    expect(h.rules(await h.step("setup-admin", { host: "ADM01" }))).toEqual(["spr.order.admin-after-web"]);
    expect(h.rules(await h.verify("reset"))).toEqual(["spr.server.role.config"]);
  });

  it("Client before the Web: the new Client gets no enrollment status from the older Web", async () => {
    const h = await harness(baseSpec());
    expect(h.rules(await h.step("setup-client-gpsi", GPSI))).toEqual(["spr.order.client-last"]);
    await h.step("copy-msi", { from: "SPR01", to: "\\\\FS01\\Specops" });
    await h.step("restart-computers", {});
    expect(h.rules(await h.verify("client"))).toEqual(["spr.order.client-last.notification"]);
  });

  it("components left behind: the old Administration Tools cannot open the configuration, a warning names each one", async () => {
    const h = await harness(baseSpec());
    await h.step("setup-server", SERVER);
    await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    const { state, findings } = await h.final();
    expect(h.rules(findings)).toEqual(["spr.admin.install", "spr.post.branding", "spr.upgrade.all-components"]);
    expect(state).toBe("degraded");
  });
});
