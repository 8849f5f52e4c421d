import { STAGE_ACTORS, STAGE_GROUPS } from "./parity-stage.ts";

/** Names that are the same in every case: the stage's and the domain's own. */
const SHARED = new Set(
  [...STAGE_ACTORS, ...STAGE_GROUPS, "Administrator", "Administrators", "Domain Users", "Domain Admins", "Enterprise Admins", "Account Operators"].map((n) => n.toLowerCase()),
);

/**
 * Maps a case's logical names onto real ones. Cases share one DC, so each
 * gets a prefix for its own users (sAMAccountName stays within AD's 20
 * characters: prefix up to 6, logical names up to 14).
 */
export class ParityNames {
  constructor(readonly prefix: string) {
    if (!/^[a-z][a-z0-9]{0,5}$/.test(prefix)) throw new RangeError(`a parity prefix is 1-6 lower-case letters and digits, starting with a letter; got "${prefix}"`);
  }

  real(name: string): string {
    if (SHARED.has(name.toLowerCase())) return name;
    if (name.length > 14) throw new RangeError(`a logical parity name has at most 14 characters, got "${name}"`);
    return `${this.prefix}${name}`;
  }

  /** `{user}` in a password becomes the target's real sAMAccountName. */
  password(template: string, user: string): string {
    return template.replaceAll("{user}", this.real(user));
  }
}
