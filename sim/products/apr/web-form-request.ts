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
  // Own keys in for-in order; a form merged from query and body is slow to walk with for-in.
  const keys = Object.keys(form);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.length > prefix.length && k.startsWith(prefix) && digitsFrom(k, prefix.length)) found.push(k.slice(prefix.length));
  }
  return found.length > 1 ? found.sort(byNumber) : found;
}

/** True when `text` from `start` on is ASCII digits only (what /^\d+$/ accepts). */
function digitsFrom(text: string, start: number): boolean {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

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
  const questions = suffixes(form, "question");
  const answers = suffixes(form, "answer");
  // Nearly always the same numbers for both (question1..3, answer1..3): already in order, as sorting their union
  // (stable, the questions' numbers first) would leave them.
  const numbers = sameList(questions, answers) ? questions : unionInOrder(questions, answers);
  for (const n of numbers) {
    const question = (form[`question${n}`] ?? "").trim();
    const answer = form[`answer${n}`] ?? "";
    if (!question && !answer.trim()) continue;
    if (!question || !answer.trim()) return undefined;
    pairs.push({ question, answer });
  }
  return pairs;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The distinct suffixes of both lists (the first's first), in numeric order. */
function unionInOrder(first: readonly string[], second: readonly string[]): string[] {
  const numbers = new Set(first);
  for (const n of second) numbers.add(n);
  return [...numbers].sort(byNumber);
}
