import { describe, expect, it } from "vitest";
import { characterCategories, checkComplexity } from "./password-complexity.ts";

describe("AD password complexity", () => {
  it("needs three of the five categories", () => {
    expect(checkComplexity("Summer2026", "jdoe", "Jane Doe").ok).toBe(true); // upper, lower, digit
    expect(checkComplexity("summer-2026", "jdoe", "Jane Doe").ok).toBe(true); // lower, special, digit
    expect(checkComplexity("summerwinter", "jdoe", "Jane Doe").ok).toBe(false);
    expect(checkComplexity("summer2026", "jdoe", "Jane Doe").ok).toBe(false); // two categories
    expect(checkComplexity("SUMMER2026", "jdoe", "Jane Doe").ok).toBe(false);
  });

  it("counts only Windows' special characters: a space or a currency sign is no category", () => {
    expect(characterCategories("a b").has("special")).toBe(false);
    expect(characterCategories("a€b").has("special")).toBe(false);
    expect(checkComplexity("summer 2026", "jdoe", undefined).ok).toBe(false);
    expect(checkComplexity("summer!2026", "jdoe", undefined).ok).toBe(true);
  });

  it("counts accented letters by case and caseless letters as the fifth category", () => {
    expect([...characterCategories("Éé")].sort()).toEqual(["lower", "upper"]);
    expect(characterCategories("密码").has("otherAlphabetic")).toBe(true);
    expect(checkComplexity("密码abc1", "jdoe", undefined).ok).toBe(true);
  });

  it("refuses a password that contains the whole sAMAccountName, case-insensitively", () => {
    const verdict = checkComplexity("Xjdoe-2026", "JDoe", undefined);
    expect(verdict).toEqual({ ok: false, detail: expect.stringContaining("account name") });
    expect(checkComplexity("Xjdo-2026", "jdoe", undefined).ok).toBe(true);
  });

  it("skips the account name check for names shorter than three characters", () => {
    expect(checkComplexity("Xjd-2026", "jd", undefined).ok).toBe(true);
  });

  it("refuses display-name tokens of three or more characters, split at , . - _ space # tab", () => {
    expect(checkComplexity("Hagens#2026", "ehagens1", "Erin M. Hagens").ok).toBe(false);
    expect(checkComplexity("erin-2026X", "ehagens1", "Erin M. Hagens").ok).toBe(false);
    // "M" is a one-letter token: ignored.
    expect(checkComplexity("M-2026-Xyz", "ehagens1", "Erin M. Hagens").ok).toBe(true);
    expect(checkComplexity("Smith_2026!", "jsmith9", "Doe-Smith, Jo").ok).toBe(false);
    expect(checkComplexity("Jones_2026!", "jsmith9", "Doe-Smith, Jo").ok).toBe(true);
  });
});
