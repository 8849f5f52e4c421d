import { hash } from "node:crypto";
import type { AprDirectoryPort, DirectoryFailure, DirectoryOutcome } from "./directory-port.ts";

/**
 * A tiny directory for tests and the benchmark's baseline: users with a
 * minimum password length and a list of accounts the actor may not reset.
 * The estate's own directory (sim/ad) is plugged in through an adapter.
 */
export class MemoryDirectoryPort implements AprDirectoryPort {
  readonly #users = new Map<string, { name: string; hash: string }>();
  readonly #protected = new Set<string>();

  constructor(private readonly minLength = 8) {}

  addUser(name: string, password: string, options: { protectedFromReset?: boolean } = {}): void {
    this.#users.set(name.toLowerCase(), { name, hash: digest(name, password) });
    if (options.protectedFromReset) this.#protected.add(name.toLowerCase());
  }

  passwordIs(name: string, password: string): boolean {
    return this.#users.get(name.toLowerCase())?.hash === digest(this.#users.get(name.toLowerCase())!.name, password);
  }

  findUser(name: string): { name: string } | undefined {
    const u = this.#users.get(name.toLowerCase());
    return u ? { name: u.name } : undefined;
  }

  checkPassword(user: string, password: string): DirectoryOutcome {
    const u = this.#users.get(user.toLowerCase());
    if (!u || u.hash !== digest(u.name, password)) return fail({ code: "INVALID_CREDENTIALS", ldapCode: 49, adData: "52e", message: "AcceptSecurityContext error, data 52e" });
    return { ok: true };
  }

  resetPassword(_actor: string, user: string, newPassword: string): DirectoryOutcome {
    const u = this.#users.get(user.toLowerCase());
    if (!u) return fail({ code: "NO_SUCH_OBJECT", ldapCode: 32, message: "no such object" });
    if (this.#protected.has(user.toLowerCase())) return fail({ code: "INSUFFICIENT_RIGHTS", ldapCode: 50, adData: "00002098", message: "INSUFF_ACCESS_RIGHTS" });
    if (newPassword.length < this.minLength) return fail({ code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "0000052D", message: "password too short" });
    u.hash = digest(u.name, newPassword);
    return { ok: true };
  }

  changePassword(user: string, oldPassword: string, newPassword: string): DirectoryOutcome {
    const u = this.#users.get(user.toLowerCase());
    if (!u) return fail({ code: "NO_SUCH_OBJECT", ldapCode: 32, message: "no such object" });
    if (u.hash !== digest(u.name, oldPassword)) return fail({ code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "00000056", message: "old password wrong" });
    if (newPassword.length < this.minLength) return fail({ code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "0000052D", message: "password too short" });
    u.hash = digest(u.name, newPassword);
    return { ok: true };
  }
}

function digest(name: string, password: string): string {
  return hash("sha256", `${name.toLowerCase()}\0${password}`, "hex");
}

function fail(error: DirectoryFailure): DirectoryOutcome {
  return { ok: false, error };
}
