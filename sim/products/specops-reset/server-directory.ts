/**
 * What the Server needs of Active Directory. A port, so the Server's logic
 * runs against the lab's in-memory directory (or any other) unchanged.
 */
export type DirectoryOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface ServerDirectory {
  /** A bind as the user. */
  authenticate(user: string, password: string): DirectoryOutcome;
  /** A reset performed as `actor` (the service account): rights are the directory's to check. */
  resetPassword(actor: string, user: string, newPassword: string): DirectoryOutcome;
  isMemberOf(user: string, group: string): boolean;
  /** Enabled user accounts at or below the OU: what a licence counts. */
  countUsersUnder(ouDn: string): number;
  /** The user's value of an attribute (mobile numbers), undefined when empty. */
  attribute(user: string, attribute: string): string | undefined;
}
