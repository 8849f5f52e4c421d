import type { Directory } from "../../ad/index.ts";
import type { AprDirectoryPort, DirectoryOutcome } from "./directory-port.ts";

const NO_DOMAIN: DirectoryOutcome = { ok: false, error: { code: "NO_SUCH_OBJECT", ldapCode: 32, message: "the lab has no domain" } };

/** A lab without a domain: stateless, so one object serves every server. */
const NO_DIRECTORY: AprDirectoryPort = Object.freeze({
  findUser() {
    return undefined;
  },
  checkPassword() {
    return NO_DOMAIN;
  },
  resetPassword() {
    return NO_DOMAIN;
  },
  changePassword() {
    return NO_DOMAIN;
  },
});

/** Methods on a class rather than arrows in a literal: tsx names each such arrow (a defineProperty) at every server start. */
class DirectoryAdapter implements AprDirectoryPort {
  constructor(private readonly directory: Directory) {}

  findUser(name: string): { readonly name: string } | undefined {
    const found = this.directory.userName(name);
    return found !== undefined ? { name: found } : undefined;
  }

  checkPassword(user: string, password: string): DirectoryOutcome {
    return this.directory.checkPassword(user, password);
  }

  resetPassword(actor: string, user: string, newPassword: string): DirectoryOutcome {
    return this.directory.resetPassword(actor, user, newPassword, { unlock: true });
  }

  changePassword(user: string, oldPassword: string, newPassword: string): DirectoryOutcome {
    return this.directory.changePassword(user, oldPassword, newPassword);
  }
}

/** The lab's in-memory Active Directory as the APR Server's directory port. */
export function directoryPort(directory: Directory | undefined): AprDirectoryPort {
  return directory ? new DirectoryAdapter(directory) : NO_DIRECTORY;
}
