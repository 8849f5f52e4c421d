import { describe, expect, it } from "vitest";
import { isLabError } from "../kernel/index.ts";
import { parseServiceAccount } from "./service-account.ts";

describe("parseServiceAccount", () => {
  it("recognises the built-in accounts under their usual spellings", () => {
    expect(parseServiceAccount("LocalSystem")).toEqual({ kind: "builtin", name: "LocalSystem" });
    expect(parseServiceAccount("nt authority\\system")).toEqual({ kind: "builtin", name: "LocalSystem" });
    expect(parseServiceAccount("NT AUTHORITY\\Network Service")).toEqual({ kind: "builtin", name: "NetworkService" });
    expect(parseServiceAccount("NT AUTHORITY\\LocalService")).toEqual({ kind: "builtin", name: "LocalService" });
  });

  it("accepts domain, local and UPN user accounts", () => {
    for (const account of ["CORP\\svc-pwd", ".\\svc-local", "svc-pwd@corp.example", "CORP\\gmsa-pwd$"]) {
      expect(parseServiceAccount(account)).toEqual({ kind: "user", account });
    }
  });

  it("refuses a bare name or a malformed account with INVALID_SERVICE_ACCOUNT (1057)", () => {
    for (const account of ["svc-pwd", "", "CORP\\", "\\svc", "a\\b\\c", "@corp", "svc@", "CORP\\bad:name"]) {
      let code: unknown;
      try {
        parseServiceAccount(account);
      } catch (error) {
        code = isLabError(error) ? [error.code, error.details.windowsError] : error;
      }
      expect(code, account).toEqual(["INVALID_SERVICE_ACCOUNT", 1057]);
    }
  });
});
