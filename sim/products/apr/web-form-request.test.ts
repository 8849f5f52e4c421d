import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formToRequest } from "./web-form-request.ts";

describe("formToRequest", () => {
  it("takes numbered fields in numeric order, not text order", () => {
    const answers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`answer${i + 1}`, `a${i + 1}`]));
    const reset = formToRequest("reset", "POST", { user: "alice", newPassword: "N3w-Passw0rd!", ...answers });
    expect(reset).toMatchObject({ op: "reset", answers: ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"] });
  });

  it("enroll: blank pairs are left out, a half-filled pair or no pair at all is incomplete", () => {
    const base = { user: " alice ", password: "Winter2026!x" };
    expect(formToRequest("enroll", "POST", { ...base, question1: " First pet? ", answer1: "Rex", question2: "", answer2: " " })).toEqual({
      op: "enroll", user: "alice", password: "Winter2026!x", answers: [{ question: "First pet?", answer: "Rex" }],
    });
    expect(formToRequest("enroll", "POST", { ...base, question1: "First pet?", answer1: "Rex", question2: "Birth town?", answer2: "" })).toBeUndefined();
    expect(formToRequest("enroll", "POST", { ...base, question1: "", answer1: "Rex" })).toBeUndefined();
    expect(formToRequest("enroll", "POST", { ...base, question1: "", answer1: "" })).toBeUndefined();
    expect(formToRequest("enroll", "POST", { user: "alice", question1: "First pet?", answer1: "Rex" })).toBeUndefined();
  });

  it("reset asks for the questions on GET; change needs both passwords", () => {
    expect(formToRequest("reset", "GET", { user: "alice" })).toEqual({ op: "questions", user: "alice" });
    expect(formToRequest("reset", "POST", { user: "alice", answer1: "Rex" })).toBeUndefined();
    expect(formToRequest("change", "POST", { user: "alice", oldPassword: "a" })).toBeUndefined();
    expect(formToRequest("change", "POST", { user: "alice", oldPassword: "a", newPassword: "b" })).toEqual({ op: "change", user: "alice", oldPassword: "a", newPassword: "b" });
  });

  it("enrols the pairs the plain reading of the form gives (numbers as text, taken in numeric order)", () => {
    // The reading the form had before its fast paths: every question/answer suffix, sorted by number.
    const reference = (form: Record<string, string>) => {
      const of = (prefix: string) => Object.keys(form).filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length))).map((k) => k.slice(prefix.length)).sort((a, b) => Number(a) - Number(b));
      const numbers = [...new Set([...of("question"), ...of("answer")])].sort((a, b) => Number(a) - Number(b));
      const pairs: { question: string; answer: string }[] = [];
      for (const n of numbers) {
        const question = (form[`question${n}`] ?? "").trim();
        const answer = form[`answer${n}`] ?? "";
        if (!question && !answer.trim()) continue;
        if (!question || !answer.trim()) return undefined;
        pairs.push({ question, answer });
      }
      return pairs.length ? pairs : undefined;
    };
    const field = fc.tuple(fc.constantFrom("question", "answer", "questionx", "answer-"), fc.constantFrom("1", "2", "10", "01", "3", ""), fc.constantFrom("", " ", "a", "Rex"));
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), (fields) => {
        const form: Record<string, string> = { user: "alice", password: "pw" };
        for (const [prefix, n, value] of fields) form[`${prefix}${n}`] = value;
        const got = formToRequest("enroll", "POST", form);
        const want = reference(form);
        expect(got === undefined ? undefined : (got as { answers: unknown }).answers).toEqual(want);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
