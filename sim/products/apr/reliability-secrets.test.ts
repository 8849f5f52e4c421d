import { describe, expect, it } from "vitest";
import type { LabSpec } from "../../lab-spec.ts";
import { AprWorld } from "./apr-world.ts";
import { DB_FILE, LOG_FILE } from "./apr-database.ts";
import { RESULT_HEADER } from "./web-interface.ts";
import { browserFor, webTargets } from "./web-targets.ts";
import { harness } from "./test-support.ts";

/**
 * Answers and passwords through the whole estate — pages, the wire under
 * loss and duplication (retransmissions), the server, the directory — must
 * never land in clear in the trace, the audit log, the database files or
 * the findings. Every secret here is distinctive, so a leak cannot hide
 * behind a common word; the user's name, which is not secret, is looked
 * for in the same places to show the search sees them.
 */

const SPEC: LabSpec = {
  domain: { name: "corp.example" },
  hosts: [
    { name: "APR01", os: "windows-server-2016", ip: "10.0.0.20", installed: { "apr-server": "3.23", "apr-web": "3.23" } },
    { name: "PC01", os: "windows-10", ip: "10.0.0.50" },
  ],
};

const USER = "zz.secretkeeper";
const SECRETS = {
  initial: "Initial-Qx7#Vault-Pw",
  answers: ["Aardvark-Answer-One", "Bonsai-Answer-Two", "Cobalt-Answer-Three"],
  wrong: "Guess-Wrong-Marmot",
  reset: "After-Reset-Pw9#Kite",
  changed: "After-Change-Pw4#Lynx",
};
const ALL_SECRETS = [SECRETS.initial, ...SECRETS.answers, SECRETS.wrong, SECRETS.reset, SECRETS.changed];

async function runEverything(seed: number) {
  const h = await harness(SPEC, seed);
  // Loss low enough for the browser's TCP to get through, high enough that the web retransmits.
  h.lab.faults.activate("packet-loss", { probability: 0.1 });
  h.lab.faults.activate("packet-duplication", { probability: 0.3 });
  h.lab.domain().createUser({ samAccountName: USER, password: SECRETS.initial });
  const target = webTargets(h.lab)[0]!;
  const browser = browserFor(h.lab, target);
  const post = async (page: string, form: Record<string, string>): Promise<string> => {
    const result = await h.lab.web.request(browser, `${target.baseUrl}${page}`, { method: "POST", form });
    return result.ok ? (result.response.headers?.[RESULT_HEADER] ?? "NONE") : `BROWSER_${result.stage}`;
  };
  const answers = (list: readonly string[]) => Object.fromEntries(list.map((a, i) => [`answer${i + 1}`, a]));
  const codes: string[] = [];
  const enroll: Record<string, string> = { user: USER, password: SECRETS.initial };
  SECRETS.answers.forEach((a, i) => ((enroll[`question${i + 1}`] = `Question ${i + 1}?`), (enroll[`answer${i + 1}`] = a)));
  codes.push(await post("enroll", enroll));
  for (let i = 0; i < 5; i++) codes.push(await post("reset", { user: USER, newPassword: SECRETS.reset, ...answers([SECRETS.wrong, SECRETS.wrong, SECRETS.wrong]) }));
  codes.push(await post("reset", { user: USER, newPassword: SECRETS.reset, ...answers(SECRETS.answers) }));
  h.lab.clock.advance(31 * 60_000);
  codes.push(await post("reset", { user: USER, newPassword: SECRETS.reset, ...answers(SECRETS.answers) }));
  h.lab.domain().setPassword(USER, SECRETS.reset, { mustChange: true });
  codes.push(await post("change", { user: USER, oldPassword: SECRETS.reset, newPassword: SECRETS.changed }));
  const server = AprWorld.of(h.lab).servers.get("APR01")!;
  const folder = server.databaseFolder;
  const host = h.lab.host("APR01");
  const places = {
    trace: h.lab.trace.canonical(),
    auditLog: JSON.stringify(server.state.db!.auditLog()),
    databaseFiles: `${host.fs.readText(`${folder}\\${DB_FILE}`)}\n${host.fs.readText(`${folder}\\${LOG_FILE}`)}`,
    findings: JSON.stringify(h.findings),
  };
  return { h, codes, places, server };
}

describe("no answer or password in clear, through lossy retransmissions, a lockout, a reset and a change", () => {
  it("the flows did what they must, over a network that lost and repeated datagrams", async () => {
    const { codes, server, h } = await runEverything(17);
    expect(codes).toEqual(["OK", "WRONG_ANSWERS", "WRONG_ANSWERS", "WRONG_ANSWERS", "WRONG_ANSWERS", "LOCKED_OUT", "LOCKED_OUT", "OK", "OK"]);
    expect(server.state.counters.duplicates).toBeGreaterThan(0);
    expect(h.lab.trace.find((e) => e.kind === "apr:web.exchange" && Number(e.data["attempts"]) > 1).length).toBeGreaterThan(0);
    expect(h.lab.domain().checkPassword(USER, SECRETS.changed)).toMatchObject({ ok: true });
  });

  for (const seed of [17, 18, 19]) {
    it(`seed ${seed}: the trace, the audit log, the database files and the findings hold the user, never a secret`, async () => {
      const { places } = await runEverything(seed);
      for (const [place, text] of Object.entries(places)) {
        if (place !== "findings") expect(text, place).toContain(USER);
        for (const secret of ALL_SECRETS) expect(text.includes(secret), `${place} contains ${secret}`).toBe(false);
        // Nor in the encodings a careless record would use.
        for (const secret of ALL_SECRETS) {
          for (const encoded of [Buffer.from(secret).toString("hex"), Buffer.from(secret).toString("base64"), encodeURIComponent(secret)]) expect(text.includes(encoded), `${place} contains ${secret} encoded`).toBe(false);
        }
      }
    });
  }
});
