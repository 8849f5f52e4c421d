import { describe, expect, it } from "vitest";
import { groupFilter, userLookup } from "./index.ts";

const domain = { netbiosName: "LAB", dnsName: "lab.example" };
const person = (clause: string) => `(&(objectCategory=person)(objectClass=user)${clause})`;

describe("userLookup: every name form the in-memory directory accepts", () => {
  it("searches by sAMAccountName for a bare name and for both down-level forms", () => {
    for (const name of ["jdoe", "LAB\\jdoe", "lab.example\\jdoe"]) expect(userLookup(name, domain)).toEqual({ base: "domain", filters: [person("(sAMAccountName=jdoe)")] });
  });

  it("tries the UPN, then the implicit UPN sam@dns only for the domain's own suffix", () => {
    expect(userLookup("jdoe@lab.example", domain)).toEqual({ base: "domain", filters: [person("(userPrincipalName=jdoe@lab.example)"), person("(sAMAccountName=jdoe)")] });
    expect(userLookup("jane@example.com", domain)).toEqual({ base: "domain", filters: [person("(userPrincipalName=jane@example.com)")] });
  });

  it("reads a DN as a base search and another domain's name as nobody", () => {
    expect(userLookup("CN=Jane Doe,OU=Staff,DC=lab,DC=example", domain)).toMatchObject({ base: "dn", dn: "CN=Jane Doe,OU=Staff,DC=lab,DC=example" });
    expect(userLookup("OTHER\\jdoe", domain)).toEqual({ base: "none" });
  });

  it("escapes what the name carries into the filter", () => {
    expect(userLookup("j*", domain)).toEqual({ base: "domain", filters: [person("(sAMAccountName=j\\2a)")] });
  });
});

describe("groupFilter", () => {
  it("finds a group by name in this domain and not in another", () => {
    expect(groupFilter("LAB\\Helpdesk", domain)).toBe("(&(objectClass=group)(sAMAccountName=Helpdesk))");
    expect(groupFilter("OTHER\\Helpdesk", domain)).toBeUndefined();
  });
});
