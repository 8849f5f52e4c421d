import type { Directory } from "../../ad/index.ts";
import type { AprDirectoryPort, DirectoryOutcome } from "./directory-port.ts";

const NO_DOMAIN: DirectoryOutcome = { ok: false, error: { code: "NO_SUCH_OBJECT", ldapCode: 32, message: "the lab has no domain" } };

/** The lab's in-memory Active Directory as the APR Server's directory port. */
export function directoryPort(directory: Directory | undefined): AprDirectoryPort {
  if (!directory) {
    return { findUser: () => undefined, checkPassword: () => NO_DOMAIN, resetPassword: () => NO_DOMAIN, changePassword: () => NO_DOMAIN };
  }
  return {
    findUser: (name) => {
      const found = directory.userName(name);
      return found !== undefined ? { name: found } : undefined;
    },
    checkPassword: (user, password) => directory.checkPassword(user, password),
    resetPassword: (actor, user, newPassword) => directory.resetPassword(actor, user, newPassword, { unlock: true }),
    changePassword: (user, oldPassword, newPassword) => directory.changePassword(user, oldPassword, newPassword),
  };
}
