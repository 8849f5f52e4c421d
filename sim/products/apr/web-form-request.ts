import type { AprRequest } from "./apr-messages.ts";

/**
 * The request a page's form (or query) asks of the APR Server, or undefined
 * when a field is missing. `user` is present and not blank. Numbered fields
 * (question1, answer1, ...) are taken in numeric order.
 */
export function formToRequest(page: "enroll" | "reset" | "change", method: string, form: Readonly<Record<string, string>>): AprRequest | undefined {
  const user = (form["user"] ?? "").trim();
  switch (page) {
    case "enroll": {
      const pairs = enrolledPairs(form);
      if (!form["password"] || !pairs || pairs.length === 0) return undefined;
      return { op: "enroll", user, password: form["password"], answers: pairs };
    }
    case "reset": {
      if (method === "GET") return { op: "questions", user };
      const answers = suffixes(form, "answer").map((n) => form[`answer${n}`]!);
      if (!form["newPassword"] || answers.length === 0) return undefined;
      return { op: "reset", user, answers, newPassword: form["newPassword"] };
    }
    case "change":
      if (!form["oldPassword"] || !form["newPassword"]) return undefined;
      return { op: "change", user, oldPassword: form["oldPassword"], newPassword: form["newPassword"] };
  }
}

/** The suffixes N of the fields `<prefix>N`, in numeric order. */
function suffixes(form: Readonly<Record<string, string>>, prefix: string): string[] {
  const found: string[] = [];
  for (const k in form) {
    if (!Object.hasOwn(form, k) || !k.startsWith(prefix)) continue;
    const n = k.slice(prefix.length);
    if (DIGITS.test(n)) found.push(n);
  }
  return found.sort(byNumber);
}

const DIGITS = /^\d+$/;

function byNumber(a: string, b: string): number {
  return Number(a) - Number(b);
}

/**
 * The question/answer pairs of the enroll form: a pair left blank is not
 * enrolled (the form offers more pairs than a user must fill); a half-filled
 * one makes the form incomplete (undefined).
 */
function enrolledPairs(form: Readonly<Record<string, string>>): { question: string; answer: string }[] | undefined {
  const pairs: { question: string; answer: string }[] = [];
  const numbers = new Set(suffixes(form, "question"));
  for (const n of suffixes(form, "answer")) numbers.add(n);
  for (const n of [...numbers].sort(byNumber)) {
    const question = (form[`question${n}`] ?? "").trim();
    const answer = form[`answer${n}`] ?? "";
    if (!question && !answer.trim()) continue;
    if (!question || !answer.trim()) return undefined;
    pairs.push({ question, answer });
  }
  return pairs;
}
