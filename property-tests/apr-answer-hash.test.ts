/**
 * Answer hashing of the APR Server: an answer matches its stored hash
 * exactly when it is the same answer once normalised (case, spacing,
 * Unicode compatibility forms), and the stored form stays SHA-256 of the
 * salt and the normalised answer in UTF-8, hex, so databases written
 * before stay readable.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerMatches, hashAnswer, normaliseAnswer } from "../sim/products/apr/index.ts";
import { checkProperty } from "./check-property.ts";

const salt = fc.uint8Array({ minLength: 16, maxLength: 16 });
const answer = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom("Rex", "Mrs Smith", "ＲＥＸ", "ﬁsh", "Straße"));
const file = "property-tests/apr-answer-hash.test.ts";

describe("APR answer hashes", () => {
  it("an answer matches its hash, and another answer matches exactly when it normalises the same", async () => {
    await checkProperty(
      fc.tuple(salt, answer, answer),
      async ([s, a, b]) => {
        const stored = hashAnswer(s, a);
        expect(answerMatches(s, a, stored)).toBe(true);
        expect(answerMatches(s, b, stored)).toBe(normaliseAnswer(a) === normaliseAnswer(b));
      },
      { runs: 300, file },
    );
  });

  it("case, spacing and full-width forms do not matter; another salt does", async () => {
    await checkProperty(
      fc.tuple(salt, salt, fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,2}$/)),
      async ([s, other, a]) => {
        const stored = hashAnswer(s, a);
        expect(answerMatches(s, `  ${a.toUpperCase().replace(/ /g, "   ")} `, stored)).toBe(true);
        const fullWidth = [...a].map((c) => (c === " " ? c : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("");
        expect(answerMatches(s, fullWidth, stored)).toBe(true);
        expect(answerMatches(other, a, stored)).toBe(Buffer.from(s).equals(Buffer.from(other)));
      },
      { runs: 200, file },
    );
  });

  it("the stored form is SHA-256(salt || UTF-8 of the normalised answer), lowercase hex; an upper-case stored hash still matches", async () => {
    await checkProperty(
      fc.tuple(salt, answer),
      async ([s, a]) => {
        const expected = createHash("sha256").update(s).update(normaliseAnswer(a), "utf8").digest("hex");
        expect(hashAnswer(s, a)).toBe(expected);
        expect(answerMatches(s, a, expected.toUpperCase())).toBe(true);
        expect(answerMatches(s, a, expected.slice(0, 62))).toBe(false);
        expect(answerMatches(s, a, `${expected.slice(0, 63)}${expected[63] === "0" ? "1" : "0"}`)).toBe(false);
      },
      { runs: 200, file },
    );
  });
});
