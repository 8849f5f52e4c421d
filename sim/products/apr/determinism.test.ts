import { describe, expect, it } from "vitest";
import type { LabSpec } from "../../lab-spec.ts";
import { harness } from "./test-support.ts";

const SPEC: LabSpec = {
  domain: { name: "corp.example" },
  hosts: [
    { name: "APR01", os: "windows-server-2016", ip: "10.0.0.20", installed: { "apr-server": { version: "3.22", enrolled: 2 }, "apr-web": "3.22" } },
    { name: "PC01", os: "windows-10", ip: "10.0.0.50" },
  ],
};

async function run(seed: number) {
  const h = await harness(SPEC, seed);
  h.lab.faults.activate("packet-loss", { probability: 0.1 });
  await h.verb("upgrade", { host: "APR01", component: "apr-server", backedUp: true, serviceAccount: { user: "svc-apr", password: "Lab-Service-9xQ!" } });
  await h.verify("flows");
  return h;
}

describe("determinism and secrecy", () => {
  it("same seed, same trace byte for byte; another seed, another trace", async () => {
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(a.lab.trace.hash()).toBe(b.lab.trace.hash());
    expect(a.lab.trace.hash()).not.toBe(c.lab.trace.hash());
  });

  it("no answer or password appears in the trace, the database files or the findings", async () => {
    const h = await run(5);
    const host = h.lab.host("APR01");
    const everything = [
      h.lab.trace.canonical(),
      host.fs.readText("C:\\Program Files\\ANIXIS Password Reset\\apr.sdf"),
      host.fs.readText("C:\\Program Files\\ANIXIS Password Reset\\aprlog.sdf"),
      JSON.stringify(h.findings),
    ].join("\n");
    expect(everything).toContain("apr-test1");
    for (const secret of ["Rex", "Lyon", "Mrs Smith", "Kq9!zX", "Wm4!pL", "Yt7!rB", "Lab-Service-9xQ!"]) expect(everything).not.toContain(secret);
  });
});
