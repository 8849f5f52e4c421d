import { beforeAll, describe, expect, it } from "vitest";
import { Clock, isLabError, Rng } from "../kernel/index.ts";
import { CertificateFactory, type CertificateWithKey } from "./certificate-factory.ts";
import { CertificateStores } from "./certificate-stores.ts";

const clock = new Clock();
const notBefore = clock.date();
const notAfter = new Date(notBefore.getTime() + 365 * 86_400_000);
let web: CertificateWithKey;
let app: CertificateWithKey;

beforeAll(async () => {
  const factory = new CertificateFactory(new Rng(11));
  web = await factory.selfSigned({ subject: "CN=web01.corp.contoso.com, O=Contoso", dnsNames: ["web01.corp.contoso.com"], notBefore, notAfter });
  app = await factory.selfSigned({ subject: "CN=app01.corp.contoso.com", notBefore, notAfter });
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isLabError(error) ? error.code : "not a LabError";
  }
  return undefined;
}

describe("CertificateStore", () => {
  it("adds, finds by thumbprint, friendly name and subject, and removes", () => {
    const my = new CertificateStores("web01").store("LocalMachine", "My");
    expect(my.path).toBe("Cert:\\LocalMachine\\My");
    my.add({ certificate: web.certificate, friendlyName: "SSPR web", privateKeyPem: web.privateKeyPem });
    my.add({ certificate: app.certificate });
    expect(my.list().map((e) => e.certificate.thumbprint)).toEqual([web.certificate.thumbprint, app.certificate.thumbprint]);
    expect(my.get(web.certificate.thumbprint.toLowerCase())?.friendlyName).toBe("SSPR web");
    expect(my.findByFriendlyName("sspr WEB").map((e) => e.certificate)).toEqual([web.certificate]);
    expect(my.findByFriendlyName("other")).toEqual([]);
    expect(my.findBySubject("o=contoso").map((e) => e.certificate)).toEqual([web.certificate]);
    expect(my.findBySubject("corp.contoso").length).toBe(2);
    expect(my.remove(web.certificate.thumbprint)).toBe(true);
    expect(my.remove(web.certificate.thumbprint)).toBe(false);
    expect(my.get(web.certificate.thumbprint)).toBeUndefined();
  });

  it("merges a second import of the same certificate, keeping the key it already had", () => {
    const my = new CertificateStores().store("LocalMachine", "My");
    my.add({ certificate: web.certificate, privateKeyPem: web.privateKeyPem });
    my.add({ certificate: web.certificate, friendlyName: "renamed" });
    expect(my.size).toBe(1);
    expect(my.get(web.certificate.thumbprint)).toEqual({ certificate: web.certificate, friendlyName: "renamed", privateKeyPem: web.privateKeyPem });
  });

  it("refuses a private key that belongs to another certificate", () => {
    const my = new CertificateStores().store("LocalMachine", "My");
    expect(errorCode(() => my.add({ certificate: web.certificate, privateKeyPem: app.privateKeyPem }))).toBe("CERT_KEY_MISMATCH");
    expect(errorCode(() => my.add({ certificate: web.certificate, privateKeyPem: web.privateKeyPem }))).toBeUndefined();
    expect(errorCode(() => my.add({ certificate: "nope" as never }))).toBe("CERT_ENTRY_INVALID");
  });
});

describe("CertificateStores", () => {
  it("finds a thumbprint in any store, ignoring case and spaces", () => {
    const stores = new CertificateStores("web01");
    stores.store("CurrentUser", "TrustedPeople").add({ certificate: app.certificate });
    stores.store("LocalMachine", "Root").add({ certificate: web.certificate });
    const spaced = web.certificate.thumbprint.toLowerCase().replace(/(..)/g, "$1 ");
    const hit = stores.findByThumbprint(spaced);
    expect(hit && { location: hit.location, name: hit.name }).toEqual({ location: "LocalMachine", name: "Root" });
    expect(stores.findByThumbprint(app.certificate.thumbprint)?.name).toBe("TrustedPeople");
    stores.store("LocalMachine", "Root").remove(web.certificate.thumbprint);
    expect(stores.findByThumbprint(spaced)).toBeUndefined();
  });

  it("refuses a malformed thumbprint (the hidden U+200E) and unknown stores", () => {
    const stores = new CertificateStores();
    expect(errorCode(() => stores.findByThumbprint(`\u200e${web.certificate.thumbprint}`))).toBe("CERT_THUMBPRINT_INVALID");
    expect(errorCode(() => stores.store("LocalMachine", "Personal" as never))).toBe("CERT_STORE_UNKNOWN");
    expect(errorCode(() => stores.store("Machine" as never, "My"))).toBe("CERT_STORE_UNKNOWN");
    expect(errorCode(() => stores.store("CurrentUser", "Root"))).toBeUndefined();
  });

  it("creates stores only when asked for", () => {
    const stores = new CertificateStores();
    expect(stores.existing("CurrentUser", "Root")).toBeUndefined();
    const root = stores.store("CurrentUser", "Root");
    expect(stores.existing("CurrentUser", "Root")).toBe(root);
    expect(stores.list()).toEqual([root]);
  });
});
