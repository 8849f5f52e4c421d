import type { DelegatedRight } from "../ad/index.ts";

/** Schema GUIDs of AD (the same in every forest, Samba's included). */
const USER_CLASS = "bf967aba-0de6-11d0-a285-00aa003049e2";
const FORCE_CHANGE_PASSWORD = "00299570-246d-11d0-a768-00aa006e0529";
const CHANGE_PASSWORD = "ab721a53-1e2f-11d0-9819-00aa0040529b";
const LOCKOUT_TIME = "28630ebf-41d5-11d1-a9c1-0000f80367c1";
const PWD_LAST_SET = "bf967a0a-0de6-11d0-a285-00aa003049e2";

/**
 * The ACEs the Delegation of Control wizard writes on an OU for each of the
 * lab's delegated rights: inherit-only (CIIO) onto user objects below, so
 * the OU itself gains nothing. Each is an SDDL ACE string for the trustee SID.
 */
export function delegationAces(rights: readonly DelegatedRight[], trusteeSid: string): string[] {
  const objectAce = (mask: string, guid: string) => `(OA;CIIO;${mask};${guid};${USER_CLASS};${trusteeSid})`;
  const aces = new Set<string>();
  for (const right of rights) {
    switch (right) {
      case "ResetPassword":
        aces.add(objectAce("CR", FORCE_CHANGE_PASSWORD));
        break;
      case "ChangePassword":
        aces.add(objectAce("CR", CHANGE_PASSWORD));
        break;
      case "WriteLockoutTime":
        aces.add(objectAce("RPWP", LOCKOUT_TIME));
        break;
      case "WritePwdLastSet":
        aces.add(objectAce("RPWP", PWD_LAST_SET));
        break;
      case "ReadWriteUserProperties":
        aces.add(`(OA;CIIO;RPWP;;${USER_CLASS};${trusteeSid})`);
        break;
    }
  }
  return [...aces];
}
