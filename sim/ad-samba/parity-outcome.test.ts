import { describe, expect, it } from "vitest";
import { accountDisabled, insufficientRights, invalidCredentials, policyViolation } from "../ad/index.ts";
import { describeOutcome, outcomesAgree, type StepOutcome } from "./index.ts";

const result = (r: StepOutcome & { kind: "result" }) => r;
const ok: StepOutcome = { kind: "result", result: { ok: true } };
const fail = (error: ReturnType<typeof invalidCredentials>): StepOutcome => result({ kind: "result", result: { ok: false, error } });

describe("describeOutcome", () => {
  it("writes codes, not messages", () => {
    expect(describeOutcome(ok)).toBe("OK");
    expect(describeOutcome(fail(invalidCredentials()))).toBe("INVALID_CREDENTIALS/49/52e");
    expect(describeOutcome(fail(policyViolation("TOO_SHORT", "too short")))).toBe("CONSTRAINT_VIOLATION/19/0000052D TOO_SHORT");
    expect(describeOutcome({ kind: "boolean", value: false })).toBe("false");
    expect(describeOutcome({ kind: "user", user: undefined })).toBe("no such user");
  });
});

describe("outcomesAgree", () => {
  it("agrees on equal codes, whatever the messages", () => {
    const samba = fail({ ...invalidCredentials(), message: "Samba's own words" });
    expect(outcomesAgree(fail(invalidCredentials()), samba)).toBe(true);
  });

  it("disagrees on a different code or data code", () => {
    expect(outcomesAgree(fail(invalidCredentials()), fail(accountDisabled()))).toBe(false);
    expect(outcomesAgree(ok, fail(invalidCredentials()))).toBe(false);
    expect(outcomesAgree(fail(insufficientRights("x")), fail({ ...insufficientRights("x"), adData: "00000005" }))).toBe(false);
  });

  it("compares the data code only where Samba gives one", () => {
    const { adData: _dropped, ...bare } = insufficientRights("x");
    expect(outcomesAgree(fail(insufficientRights("x")), fail(bare))).toBe(true);
  });
});
