import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory } from "./index.ts";

/** Exercises every password path with distinctive passwords, then searches the trace for them. */
function busyDomain() {
  const ctx = createContext(13);
  const passwords = ["Admin-Secret-Q1", "Initial-Zebra-42", "Reset-Quokka-77", "Changed-Ibis-31", "Wrong-Marmot-55", "Bulk-Narwhal-9!", "Svc-Okapi-2026", "Too-Short"];
  const dir = new Directory(ctx, { dnsName: "corp.example", administratorPassword: passwords[0]!, passwordPolicy: { minAgeMs: 0, minLength: 12 }, lockoutPolicy: { threshold: 2 } });
  dir.addDomainController("DC01", { os: "windows-server-2019" });
  dir.createUser({ samAccountName: "jdoe", password: passwords[1]! });
  dir.createServiceAccount({ samAccountName: "svc-agent", password: passwords[6]!, passwordNeverExpires: true });
  dir.populate({ users: 5, initialPassword: passwords[5]! });
  dir.checkPassword("Administrator", passwords[0]!);
  dir.resetPassword("Administrator", "jdoe", passwords[2]!);
  dir.resetPassword("Administrator", "jdoe", passwords[7]!); // refused: too short
  dir.changePassword("jdoe", passwords[2]!, passwords[3]!);
  dir.checkPassword("jdoe", passwords[4]!);
  dir.checkPassword("jdoe", passwords[4]!);
  dir.unlock("Administrator", "jdoe");
  dir.serviceLogonProvider().logon("CORP\\svc-agent", passwords[6]!);
  return { ctx, dir, passwords };
}

describe("the directory's trace", () => {
  it("never contains a password, plain or in any casing", () => {
    const { ctx, passwords } = busyDomain();
    const text = ctx.trace.canonical().toLowerCase();
    for (const p of passwords) expect(text).not.toContain(p.toLowerCase());
  });

  it("records each change and logon from component ad on the writable DC that handled it", () => {
    const { ctx } = busyDomain();
    const events = ctx.trace.events.filter((e) => e.component === "ad");
    const kinds = events.map((e) => e.kind);
    for (const kind of ["domain-created", "dc-added", "user-created", "service-account-created", "population-created", "logon", "password-reset", "password-reset-refused", "password-changed", "logon-failed", "account-locked-out", "account-unlocked"]) {
      expect(kinds).toContain(kind);
    }
    expect(events[0]!.host).toBe("corp.example"); // before any DC existed
    expect(events.at(-1)!.host).toBe("DC01");
    expect(events.find((e) => e.kind === "password-reset-refused")!.data).toMatchObject({ code: "CONSTRAINT_VIOLATION", reason: "TOO_SHORT" });
  });

  it("replays identically from the same seed", () => {
    expect(busyDomain().ctx.trace.hash()).toBe(busyDomain().ctx.trace.hash());
  });

  it("sends writes to a writable DC, not to a read-only one", () => {
    const ctx = createContext(2);
    const dir = new Directory(ctx, { dnsName: "corp.example" });
    dir.addDomainController("RODC1", { os: "windows-server-2019", readOnly: true });
    dir.createGroup("Staff");
    expect(ctx.trace.events.at(-1)!.host).toBe("corp.example");
    dir.addDomainController("DC01", { os: "windows-server-2019" });
    dir.createGroup("Others");
    expect(ctx.trace.events.at(-1)!.host).toBe("DC01");
    expect(dir.domainControllers()).toEqual([
      { host: "RODC1", readOnly: true, os: "windows-server-2019", distinguishedName: "CN=RODC1,OU=Domain Controllers,DC=corp,DC=example" },
      { host: "DC01", readOnly: false, os: "windows-server-2019", distinguishedName: "CN=DC01,OU=Domain Controllers,DC=corp,DC=example" },
    ]);
    expect(dir.isMemberOf("RODC1$", "Read-only Domain Controllers")).toBe(true);
    expect(dir.isMemberOf("RODC1$", "Domain Controllers")).toBe(false);
  });
});
