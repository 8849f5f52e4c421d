import type { Lab } from "../../lab.ts";
import type { StepContext } from "../../product/index.ts";
import { AprWorld } from "./apr-world.ts";
import { diagnoseFailure, diagnoseReply, type Diagnosis } from "./diagnose.ts";
import { DIRECTORY_HEADER, RESULT_HEADER, TRACE_HEADER } from "./web-interface.ts";
import { browserFor, type WebTarget } from "./web-targets.ts";

export type FlowOp = "enroll" | "reset" | "change";

export interface FlowResult {
  readonly target: WebTarget;
  readonly op: FlowOp;
  readonly ok: boolean;
  readonly code: string;
  readonly detail: string;
  readonly diagnosis?: Diagnosis;
}

const QUESTIONS = ["Name of your first pet?", "Town where you were born?", "Favourite teacher?"];
const ANSWERS = ["Rex", "Lyon", "Mrs Smith"];

/** A fresh test user of the domain: one for enrol-then-reset, one (must change at next logon) for change. */
function testUser(lab: Lab, purpose: "reset" | "change"): { name: string; password: string } {
  const world = AprWorld.of(lab);
  const directory = lab.domain();
  const name = world.nextTestUserName();
  const n = name.replace(/\D/g, "");
  // Long enough for strict policies; the new passwords the flows set are shorter on purpose.
  const password = `Start-${n}-Kq9!zX-Lab-Initial`;
  directory.createUser({ samAccountName: name, password, description: "Password Reset test user" });
  // A user told to change at next logon may change at once; otherwise the minimum password age (1 day) refuses it.
  if (purpose === "change") directory.setPassword(name, password, { mustChange: true });
  return { name, password };
}

interface PageOutcome {
  readonly ok: boolean;
  readonly code: string;
  readonly detail: string;
  traceId?: number;
  questions?: string[];
  directoryCode?: string;
}

/**
 * Loads one page as a browser does, from `browser` (see browserFor: the
 * flows of one call load every page from the same host); `readQuestions`
 * reads the security questions a reset page asks (only that flow needs them).
 */
async function page(ctx: StepContext, target: WebTarget, browser: string, path: string, form?: Record<string, string>, readQuestions = false): Promise<PageOutcome> {
  const lab = ctx.lab;
  const url = `${target.baseUrl}${path}`;
  const result = await lab.web.request(browser, url, form ? { method: "POST", form } : {});
  if (!result.ok) {
    const failed: PageOutcome = { ok: false, code: `BROWSER_${result.stage.toUpperCase()}`, detail: `${browser} could not load ${url}: ${result.detail}` };
    if (result.traceId !== undefined) failed.traceId = result.traceId;
    return failed;
  }
  const headers = result.response.headers ?? {};
  const code = headers[RESULT_HEADER] ?? "NONE";
  const traceId = headers[TRACE_HEADER] ? Number(headers[TRACE_HEADER]) : undefined;
  const text = resultText(result.response.body);
  const directoryCode = headers[DIRECTORY_HEADER];
  // Optional fields set one by one (in the order the outcome always had) rather than spread from temporaries.
  const outcome: PageOutcome = { ok: code === "OK", code, detail: text || `HTTP ${result.response.status}` };
  if (traceId !== undefined) outcome.traceId = traceId;
  if (readQuestions) {
    const questions = [...result.response.body.matchAll(/<label>([^<]*) <input name="answer\d+"/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));
    if (questions.length) outcome.questions = questions;
  }
  if (directoryCode) outcome.directoryCode = directoryCode;
  return outcome;
}

/**
 * The text of the page's result paragraph. No match starts before the first
 * `<p class="result `, so the search starts there rather than at the top of
 * the template.
 */
function resultText(body: string): string {
  const at = body.indexOf(RESULT_START);
  if (at < 0) return "";
  RESULT_PARAGRAPH.lastIndex = at;
  const text = RESULT_PARAGRAPH.exec(body)?.[1] ?? "";
  RESULT_PARAGRAPH.lastIndex = 0;
  return text;
}

const RESULT_START = '<p class="result ';
// Global for its lastIndex; reset after each use, so it carries nothing between calls.
const RESULT_PARAGRAPH = /<p class="result [a-z]+" data-code="[^"]*">([^<]*)<\/p>/g;

function diagnose(ctx: StepContext, target: WebTarget, outcome: PageOutcome): Diagnosis {
  const lab = ctx.lab;
  const last = AprWorld.of(lab).lastExchange.get(`${target.host.toUpperCase()}|${target.vdir.toLowerCase()}`);
  if (outcome.code.startsWith("BROWSER_")) {
    return { rule: "apr.web.role", message: outcome.detail, evidence: outcome.traceId !== undefined ? [outcome.traceId] : [] };
  }
  if (last?.failure && last.traceId === outcome.traceId) return diagnoseFailure(lab, target, last.failure, last.sinceId, last.traceId);
  const directory = outcome.directoryCode ? { directory: { code: outcome.directoryCode, ldapCode: 0 } } : {};
  return diagnoseReply(lab, target, { ok: false, op: "unknown", code: outcome.code as never, message: outcome.detail, ...directory }, outcome.traceId ?? 0);
}

/**
 * The flows a user (and the document's post-upgrade check) runs in a
 * browser against one Web Interface: enrol then reset, and change. Each
 * failure carries the diagnosis read from the mechanism.
 */
export async function runFlows(ctx: StepContext, target: WebTarget, ops: readonly FlowOp[]): Promise<FlowResult[]> {
  const results: FlowResult[] = [];
  const browser = browserFor(ctx.lab, target);
  const push = (op: FlowOp, outcome: PageOutcome): boolean => {
    results.push(outcome.ok ? { target, op, ok: true, code: outcome.code, detail: outcome.detail } : { target, op, ok: false, code: outcome.code, detail: outcome.detail, diagnosis: diagnose(ctx, target, outcome) });
    return outcome.ok;
  };
  if (ops.includes("enroll") || ops.includes("reset")) {
    const user = testUser(ctx.lab, "reset");
    const form: Record<string, string> = { user: user.name, password: user.password };
    QUESTIONS.forEach((q, i) => ((form[`question${i + 1}`] = q), (form[`answer${i + 1}`] = ANSWERS[i]!)));
    const enrolled = await page(ctx, target, browser, "enroll", form);
    if (ops.includes("enroll") || !enrolled.ok) push("enroll", enrolled);
    if (enrolled.ok && ops.includes("reset")) {
      const questions = await page(ctx, target, browser, `reset?user=${encodeURIComponent(user.name)}`, undefined, true);
      if (!questions.ok) push("reset", questions);
      else {
        const answers: Record<string, string> = { user: user.name, newPassword: `Reset-${user.name.replace(/\D/g, "")}-Wm4!pL` };
        (questions.questions ?? QUESTIONS).forEach((q, i) => (answers[`answer${i + 1}`] = ANSWERS[QUESTIONS.indexOf(q)] ?? ""));
        push("reset", await page(ctx, target, browser, "reset", answers));
      }
    }
  }
  if (ops.includes("change")) {
    const user = testUser(ctx.lab, "change");
    push("change", await page(ctx, target, browser, "change", { user: user.name, oldPassword: user.password, newPassword: `Change-${user.name.replace(/\D/g, "")}-Yt7!rB` }));
  }
  return results;
}

/** Wrong answers from a user at a Web Interface, as an attacker or a forgetful user gives them. */
export async function submitWrongAnswers(ctx: StepContext, target: WebTarget, times: number, thenRight: boolean): Promise<{ codes: string[]; user: string }> {
  const user = testUser(ctx.lab, "reset");
  const browser = browserFor(ctx.lab, target);
  const form: Record<string, string> = { user: user.name, password: user.password };
  QUESTIONS.forEach((q, i) => ((form[`question${i + 1}`] = q), (form[`answer${i + 1}`] = ANSWERS[i]!)));
  const enrolled = await page(ctx, target, browser, "enroll", form);
  if (!enrolled.ok) return { codes: [enrolled.code], user: user.name };
  const codes: string[] = [];
  for (let i = 0; i < times; i++) {
    const r = await page(ctx, target, browser, "reset", { user: user.name, newPassword: `Reset-${i}-Wm4!pLq`, answer1: "wrong", answer2: "wrong", answer3: "wrong" });
    codes.push(r.code);
  }
  if (thenRight) {
    const r = await page(ctx, target, browser, "reset", { user: user.name, newPassword: "Reset-ok-Wm4!pLq", answer1: ANSWERS[0]!, answer2: ANSWERS[1]!, answer3: ANSWERS[2]! });
    codes.push(r.code);
  }
  return { codes, user: user.name };
}

export { ANSWERS as TEST_ANSWERS, QUESTIONS as TEST_QUESTIONS };
