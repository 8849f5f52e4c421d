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
});
