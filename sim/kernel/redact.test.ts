import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./redact.ts";

describe("redactSecrets", () => {
  it("hides passwords, answers and keys at any depth and keeps everything else", () => {
    const input = {
      host: "APR01",
      serviceAccount: { user: "svc-apr", password: "Lab-Service-9xQ!" },
      answers: ["blue", "rex"],
      domain: { accounts: [{ name: "alice", password: "Winter2026!x" }] },
      password: { user: "bob", new: "N3w-Pass!", old: "0ld-Pass!" },
      adminPass: "x",
      port: 5100,
    };
    const out = redactSecrets(input);
    expect(out).toEqual({
      host: "APR01",
      serviceAccount: { user: "svc-apr", password: REDACTED },
      answers: [REDACTED, REDACTED],
      domain: { accounts: [{ name: "alice", password: REDACTED }] },
      password: { user: "bob", new: REDACTED, old: REDACTED },
      adminPass: REDACTED,
      port: 5100,
    });
    expect(JSON.stringify(out)).not.toMatch(/Lab-Service|Winter2026|N3w-Pass|0ld-Pass|blue|rex/);
    expect(input.serviceAccount.password).toBe("Lab-Service-9xQ!");
  });

  it("leaves data without secrets untouched", () => {
    const input = { verify: ["enroll", "reset"], upgrade: { host: "WEB01", to: "3.23" } };
    expect(redactSecrets(input)).toEqual(input);
  });
});
