/**
 * "Password must meet complexity requirements", as Windows documents it:
 * characters from three of five categories, and neither the whole
 * sAMAccountName nor any displayName token of three or more characters inside
 * the password (case-insensitive). Samba applies the categories but checks the
 * names only through its "check password script"; the lab follows Windows.
 */
export type ComplexityVerdict = { ok: true } | { ok: false; detail: string };

/** Windows' list of non-alphanumeric characters; anything else in ASCII (a space, say) counts for no category. */
const SPECIALS = new Set("~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/");

/** displayName is cut into tokens at these characters. */
const TOKEN_DELIMITERS = /[,.\-_ #\t]+/;

export type CharacterCategory = "upper" | "lower" | "digit" | "special" | "otherAlphabetic";

export function characterCategories(password: string): Set<CharacterCategory> {
  const found = new Set<CharacterCategory>();
  for (const ch of password) {
    const code = ch.codePointAt(0)!;
    if (code < 128) {
      if (ch >= "0" && ch <= "9") found.add("digit");
      else if (ch >= "A" && ch <= "Z") found.add("upper");
      else if (ch >= "a" && ch <= "z") found.add("lower");
      else if (SPECIALS.has(ch)) found.add("special");
    } else if (/\p{Lu}/u.test(ch)) {
      found.add("upper");
    } else if (/\p{Ll}/u.test(ch)) {
      found.add("lower");
    } else if (/\p{L}/u.test(ch)) {
      // Letters without case (CJK, Arabic, ...) are Windows' fifth category.
      found.add("otherAlphabetic");
    }
  }
  return found;
}

/**
 * How many categories `characterCategories` would find, without a Set or a
 * string per character: every password set or changed goes through here,
 * and they are nearly always ASCII (a table look-up per character).
 */
function categoryCount(password: string): number {
  let mask = 0;
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i);
    if (code < 128) {
      mask |= ASCII_CATEGORY[code]!;
      continue;
    }
    // The rest by code point, as characterCategories reads it (a surrogate pair is one character).
    const point = password.codePointAt(i)!;
    if (point > 0xffff) i++;
    const ch = String.fromCodePoint(point);
    if (/\p{Lu}/u.test(ch)) mask |= UPPER;
    else if (/\p{Ll}/u.test(ch)) mask |= LOWER;
    else if (/\p{L}/u.test(ch)) mask |= OTHER_ALPHABETIC;
  }
  let count = 0;
  for (; mask !== 0; mask &= mask - 1) count++;
  return count;
}

const [DIGIT, UPPER, LOWER, SPECIAL, OTHER_ALPHABETIC] = [1, 2, 4, 8, 16];

/** The category bit of each ASCII character (0: none, as for a space or a control character). */
const ASCII_CATEGORY = Uint8Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  if (ch >= "0" && ch <= "9") return DIGIT;
  if (ch >= "A" && ch <= "Z") return UPPER;
  if (ch >= "a" && ch <= "z") return LOWER;
  return SPECIALS.has(ch) ? SPECIAL : 0;
});

export function checkComplexity(password: string, samAccountName: string, displayName: string | undefined): ComplexityVerdict {
  const lowered = password.toLowerCase();
  if (samAccountName.length >= 3 && lowered.includes(samAccountName.toLowerCase())) {
    return { ok: false, detail: "the password does not meet the complexity criteria (it contains the account name)!" };
  }
  for (const token of (displayName ?? "").split(TOKEN_DELIMITERS)) {
    if (token.length >= 3 && lowered.includes(token.toLowerCase())) {
      return { ok: false, detail: "the password does not meet the complexity criteria (it contains part of the display name)!" };
    }
  }
  if (categoryCount(password) < 3) {
    return { ok: false, detail: "the password does not meet the complexity criteria!" };
  }
  return { ok: true };
}
