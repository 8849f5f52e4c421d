import { describe, expect, it } from "vitest";
import { DEFAULT_SAMBA_DOMAIN, postProvisionSettings, provisionArgs, withGlobalSettings } from "./index.ts";

describe("provisionArgs", () => {
  it("provisions a DC with LDAP only, no DNS, everything inside the target folder, on loopback for the host", () => {
    const args = provisionArgs(DEFAULT_SAMBA_DOMAIN, "/tmp/x", { loopbackOnly: true });
    expect(args.slice(0, 2)).toEqual(["domain", "provision"]);
    expect(args).toEqual(expect.arrayContaining(["--realm=LAB.EXAMPLE", "--domain=LAB", "--server-role=dc", "--dns-backend=NONE", "--targetdir=/tmp/x", "--host-name=LABDC"]));
    expect(args).toEqual(expect.arrayContaining(["--option=server services=ldap", "--option=interfaces=lo", "--option=bind interfaces only=yes", "--option=ldb:nosync=true", "--option=pid directory=/tmp/x/run"]));
  });

  it("listens on every interface in a container (its network is its own)", () => {
    const args = provisionArgs(DEFAULT_SAMBA_DOMAIN, "/dc", { loopbackOnly: false });
    expect(args.some((a) => a.startsWith("--option=interfaces"))).toBe(false);
  });
});

describe("post-provision smb.conf settings", () => {
  it("turns the old-password grace off by default", () => {
    expect(postProvisionSettings(DEFAULT_SAMBA_DOMAIN)).toEqual({ "old password allowed period": "0" });
    expect(postProvisionSettings({ ...DEFAULT_SAMBA_DOMAIN, oldPasswordAllowedPeriodMinutes: 60 })).toEqual({ "old password allowed period": "60" });
  });

  it("adds settings at the top of [global], or makes a [global] when there is none", () => {
    const conf = "# Global parameters\n[global]\n\trealm = LAB.EXAMPLE\n\n[sysvol]\n\tpath = /x\n";
    expect(withGlobalSettings(conf, { a: "1" })).toBe("# Global parameters\n[global]\n\ta = 1\n\trealm = LAB.EXAMPLE\n\n[sysvol]\n\tpath = /x\n");
    expect(withGlobalSettings("[sysvol]\n", { a: "1" })).toBe("[global]\n\ta = 1\n[sysvol]\n");
  });
});
