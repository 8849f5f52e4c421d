import { describe, expect, it } from "vitest";
import { delegationAces } from "./index.ts";

const SID = "S-1-5-21-1-2-3-1105";
const USER = "bf967aba-0de6-11d0-a285-00aa003049e2";

describe("delegationAces", () => {
  it("writes one inherit-only ACE for user objects per right", () => {
    expect(delegationAces(["ResetPassword"], SID)).toEqual([`(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;${USER};${SID})`]);
    expect(delegationAces(["ChangePassword"], SID)).toEqual([`(OA;CIIO;CR;ab721a53-1e2f-11d0-9819-00aa0040529b;${USER};${SID})`]);
    expect(delegationAces(["WriteLockoutTime"], SID)).toEqual([`(OA;CIIO;RPWP;28630ebf-41d5-11d1-a9c1-0000f80367c1;${USER};${SID})`]);
    expect(delegationAces(["WritePwdLastSet"], SID)).toEqual([`(OA;CIIO;RPWP;bf967a0a-0de6-11d0-a285-00aa003049e2;${USER};${SID})`]);
    expect(delegationAces(["ReadWriteUserProperties"], SID)).toEqual([`(OA;CIIO;RPWP;;${USER};${SID})`]);
  });

  it("merges a right named twice and writes nothing for no rights", () => {
    expect(delegationAces(["ResetPassword", "ResetPassword", "WriteLockoutTime"], SID)).toHaveLength(2);
    expect(delegationAces([], SID)).toEqual([]);
  });
});
