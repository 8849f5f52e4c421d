/**
 * What the APR Server needs of the directory, synchronously (the in-memory
 * directory is synchronous, which keeps a datagram's handling inside one
 * clock event). An adapter maps the lab's Directory onto it.
 */
export interface DirectoryFailure {
  readonly code: string;
  readonly ldapCode: number;
  readonly adData?: string;
  readonly message: string;
}

export type DirectoryOutcome = { readonly ok: true } | { readonly ok: false; readonly error: DirectoryFailure };

export interface AprDirectoryPort {
  /** The account's sAMAccountName, or undefined when there is no such user. */
  findUser(name: string): { readonly name: string } | undefined;
  /** A bind as the user (enrolment proves identity this way). */
  checkPassword(user: string, password: string): DirectoryOutcome;
  /** An administrative reset by `actor` (the service account), unlocking the account too. */
  resetPassword(actor: string, user: string, newPassword: string): DirectoryOutcome;
  /** The user's own change, old password given. */
  changePassword(user: string, oldPassword: string, newPassword: string): DirectoryOutcome;
}
