import { describe, expect, it } from "vitest";
import type { LabSpec } from "../../lab-spec.ts";
import type { DatagramSocket } from "../../net/index.ts";
import { IIS_HANDLER_ID } from "./apr-layout.ts";
import type { ReplyTimers } from "./apr-requester.ts";
import { AprWorld } from "./apr-world.ts";
import { clockTimers } from "./reply-timers.ts";
import { harness, type Harness } from "./test-support.ts";
import { RESULT_HEADER, webInterfaceHandler, type WebInterfaceOptions } from "./web-interface.ts";
import { browserFor, webTargets } from "./web-targets.ts";

const SPEC: LabSpec = {
  domain: { name: "corp.example", passwordPolicy: { minAgeDays: 0 }, accounts: [{ name: "alice", password: "Winter2026!x" }] },
  hosts: [
    { name: "APR01", os: "windows-server-2016", ip: "10.0.0.20", installed: { "apr-server": "3.23", "apr-web": "3.23" } },
    { name: "PC01", os: "windows-10", ip: "10.0.0.50" },
  ],
};

async function page(h: Harness, path: string, form?: Record<string, string>): Promise<{ code: string | undefined; body: string }> {
  const target = webTargets(h.lab)[0]!;
  const result = await h.lab.web.request(browserFor(h.lab, target), `${target.baseUrl}${path}`, form ? { method: "POST", form } : {});
  if (!result.ok) throw new Error(result.detail);
  return { code: result.response.headers?.[RESULT_HEADER], body: result.response.body };
}

const exchanges = (h: Harness) => h.lab.trace.events.filter((e) => e.kind === "apr:web.exchange").length;
const inputs = (html: string) => [...html.matchAll(/<input name="([^"]+)"/g)].map((m) => m[1]);
const ENROLL = { user: "alice", password: "Winter2026!x", question1: "First pet?", answer1: "Rex", question2: "Birth town?", answer2: "Lyon", question3: "", answer3: "" };

describe("the Web Interface's forms", () => {
  it("the enroll and change pages carry forms posting to themselves, with the fields the handler reads", async () => {
    const h = await harness(SPEC);
    const enroll = await page(h, "enroll");
    expect(enroll.body).toContain('<form method="post" class="enroll">');
    expect(inputs(enroll.body)).toEqual(["user", "password", "question1", "answer1", "question2", "answer2", "question3", "answer3"]);
    const change = await page(h, "change");
    expect(change.body).toContain('<form method="post" class="change">');
    expect(inputs(change.body)).toEqual(["user", "oldPassword", "newPassword", "confirmPassword"]);
    // The reset page asks its questions only once it knows the user.
    expect(inputs((await page(h, "reset")).body)).toEqual([]);
  });

  it("enroll: a blank question pair is left out; a half-filled one is refused before anything is sent", async () => {
    const h = await harness(SPEC);
    const before = exchanges(h);
    expect((await page(h, "enroll", { ...ENROLL, question3: "Favourite teacher?" })).code).toBe("BAD_REQUEST");
    expect(exchanges(h)).toBe(before);
    expect((await page(h, "enroll", ENROLL)).code).toBe("OK");
    const questions = [...(await page(h, "reset?user=alice")).body.matchAll(/<label>([^<]*) <input name="answer\d+"/g)].map((m) => m[1]);
    expect(questions).toEqual(["First pet?", "Birth town?"]);
  });

  it("change: a confirmation that differs is refused before anything is sent; one that matches changes the password", async () => {
    const h = await harness(SPEC);
    const before = exchanges(h);
    const mismatch = await page(h, "change", { user: "alice", oldPassword: "Winter2026!x", newPassword: "Changed-Passw0rd!", confirmPassword: "Changed-Passw0rd?" });
    expect(mismatch.code).toBe("PASSWORD_MISMATCH");
    expect(mismatch.body).toContain("The new passwords do not match.");
    expect(exchanges(h)).toBe(before);
    expect(h.lab.domain().checkPassword("alice", "Winter2026!x").ok).toBe(true);
    expect((await page(h, "change", { user: "alice", oldPassword: "Winter2026!x", newPassword: "Changed-Passw0rd!", confirmPassword: "Changed-Passw0rd!" })).code).toBe("OK");
    expect(h.lab.domain().checkPassword("alice", "Changed-Passw0rd!").ok).toBe(true);
  });

  it("a form posted without a user name is refused; the page opened without one is just the page", async () => {
    const h = await harness(SPEC);
    expect((await page(h, "change", { user: " ", oldPassword: "a", newPassword: "b" })).code).toBe("BAD_REQUEST");
    const opened = await page(h, "change");
    expect(opened.code).toBeUndefined();
    expect(opened.body).not.toContain('class="result');
  });
});

describe("the Web Interface's transport", () => {
  it("by default the exchange crosses the lab's network and waits on the lab clock", async () => {
    const h = await harness(SPEC);
    const server = AprWorld.of(h.lab).servers.get("APR01")!.state;
    expect((await page(h, "enroll", ENROLL)).code).toBe("OK");
    expect(server.counters.received).toBe(1);
  });

  it("given a transport and timers, the handler binds and waits through them only", async () => {
    const h = await harness(SPEC);
    const server = AprWorld.of(h.lab).servers.get("APR01")!.state;
    const binds: string[] = [];
    const sent: string[] = [];
    const waits: number[] = [];
    // A socket that goes nowhere and timers that fire at once: the lab's network and clock are not asked.
    const socket: DatagramSocket = { local: { address: "127.0.0.1", port: 40000 }, send: (to) => void sent.push(`${to.address}:${to.port}`), onMessage() {}, close() {} };
    const timers: ReplyTimers = {
      after(ms, fn) {
        waits.push(ms);
        let live = true;
        void Promise.resolve().then(() => live && fn());
        return () => void (live = false);
      },
    };
    const options: WebInterfaceOptions = { transport: { bindNow: (host) => (binds.push(host), socket) }, timers };
    const iis = h.lab.iis("APR01")!;
    iis.registerHandler(IIS_HANDLER_ID, webInterfaceHandler(h.lab, options), iis.handler(IIS_HANDLER_ID)!.options);
    const pending = h.lab.clock.pending().length;

    expect((await page(h, "enroll", ENROLL)).code).toBe("TIMEOUT");
    expect(binds).toEqual(["APR01"]);
    expect(sent).toEqual(Array(4).fill("10.0.0.20:5100"));
    expect(waits).toEqual([1500, 1500, 1500, 1500]);
    expect(server.counters.received).toBe(0);
    expect(h.lab.clock.pending().filter((e) => e.label === "apr.web retransmit")).toEqual([]);
    expect(h.lab.clock.pending().length).toBeLessThanOrEqual(pending);

    // The lab's clock timers through the option behave as the default does.
    iis.registerHandler(IIS_HANDLER_ID, webInterfaceHandler(h.lab, { timers: clockTimers(h.lab.clock) }), iis.handler(IIS_HANDLER_ID)!.options);
    expect((await page(h, "enroll", ENROLL)).code).toBe("OK");
    expect(server.counters.received).toBe(1);
  });
});
