import { describe, expect, it } from "vitest";
import { CredentialVault } from "./index.ts";

describe("CredentialVault", () => {
  it("holds passwords by sAMAccountName, whatever the case", () => {
    const vault = new CredentialVault();
    vault.set("Helpdesk", "Stage-Pass-2026x");
    expect(vault.get("HELPDESK")).toBe("Stage-Pass-2026x");
    expect(vault.get("nohelp")).toBeUndefined();
  });

  it("follows a password change for accounts it holds, and never learns new ones by itself", () => {
    const vault = new CredentialVault();
    vault.set("helpdesk", "Old-2026x");
    vault.refresh("helpdesk", "New-2026x");
    vault.refresh("jdoe", "Reset-2026x");
    expect(vault.get("helpdesk")).toBe("New-2026x");
    expect(vault.has("jdoe")).toBe(false);
  });
});
