import { describe, expect, it } from "vitest";
import { runScenario, scenarioJsonSchema, validateScenario } from "../index.ts";
import { testRegistry, widgetScenario } from "../test-product/index.ts";
import { BUILTIN_VERBS } from "./index.ts";
import { targetHosts } from "./host-target.ts";
import { buildTestLab } from "./verb-test-kit.ts";

const registry = testRegistry();

function scenario(plan: unknown[]) {
  const raw = widgetScenario();
  raw.lab = { domain: { name: "corp.example" }, hosts: [{ name: "DC01", os: "windows-server-2019", role: "dc" }, ...raw.lab.hosts, { name: "FS01", os: "windows-server-2019", shares: [{ name: "deploy", path: "C:\\Deploy" }] }] };
  return { ...raw, plan, expect: {} };
}

describe("estate verbs in a scenario", () => {
  it("validate, cross-check their hosts and run in order", async () => {
    const s = validateScenario(
      scenario([
        { files: { host: "APP01", write: { path: "C:\\svc\\svc.exe", content: "MZ" } } },
        { registry: { host: "APP01", set: { key: "HKLM\\SOFTWARE\\Widget", name: "Port", value: 5100 } } },
        { firewall: { host: "APP01", allow: { name: "Widget", protocol: "udp", port: 5100 } } },
        { cert: { host: "APP01", create: { name: "widget", trustedBy: ["DC01"] } } },
        { restart: { role: "dcs" } },
      ]),
      { registry },
    );
    const r = await runScenario(s, { registry });
    expect(r.status === "error" ? r.error : undefined).toBeUndefined();
    const kinds = r.trace.map((e) => e.kind);
    expect(["fs.write", "registry.set-value", "firewall.rule-added", "cert.created", "estate.restarted"].map((k) => kinds.indexOf(k) > 0)).toEqual([true, true, true, true, true]);
  });

  it("a host the lab does not have is a validation issue at the step's key", () => {
    expect(() => validateScenario(scenario([{ service: { host: "APP02", name: "W3SVC", action: "start" } }]), { registry })).toThrow(/plan\[0\]\.service\.host: no host APP02/);
    expect(() => validateScenario(scenario([{ files: { host: "APP01", copy: { from: "\\\\FS02\\deploy\\x", to: "C:\\x" } } }]), { registry })).toThrow(/no host FS02/);
  });

  it("a refused input (unknown service) ends the run with its message, not a crash", async () => {
    const s = validateScenario(scenario([{ service: { host: "APP01", name: "Nope", action: "start" } }]), { registry });
    const r = await runScenario(s, { registry });
    expect(r.status).toBe("error");
    expect(JSON.stringify(r)).toContain('no service \\"Nope\\" on APP01');
  });

  it("every verb has a description and a schema editors can use", () => {
    for (const verb of BUILTIN_VERBS) expect(verb.description.length, verb.name).toBeGreaterThan(40);
    const json = JSON.stringify(scenarioJsonSchema(registry));
    for (const name of ["restart", "registry", "files", "service", "cert", "firewall", "gpo", "feature", "share", "domain"]) expect(json).toContain(`"${name}"`);
  });

  it("a role that matches no host is an error naming the hosts", async () => {
    const lab = await buildTestLab({ hosts: [{ name: "APP01", os: "windows-server-2019" }] });
    expect(() => targetHosts(lab, { role: "dcs" })).toThrow(/no host of the lab is in role "dcs"; hosts: APP01/);
    expect(targetHosts(lab, { role: "all" }).map((h) => h.name)).toEqual(["APP01"]);
  });
});
