import { request as httpRequest } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { TLSSocket } from "node:tls";
import { describe, expect, it } from "vitest";
import { serveReal } from "./serve-real.ts";
import { buildIisEstate, writeFolder, type IisTestEstate } from "./test-estate.ts";

interface Fetched {
  status: number;
  body: string;
  fingerprint?: string;
}

function fetchReal(secure: boolean, options: RequestOptions, body?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)({ host: "127.0.0.1", ...options }, (res) => {
      const chunks: Buffer[] = [];
      const socket = res.socket as TLSSocket;
      const fingerprint = secure ? socket.getPeerCertificate().fingerprint : undefined;
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ...(fingerprint ? { fingerprint } : {}) }));
    });
    req.on("error", reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

async function httpsEstate(): Promise<{ e: IisTestEstate; thumbprint: string; rootPem: string }> {
  const e = await buildIisEstate();
  const cert = await e.issue(["web01.corp.example"]);
  e.installCertificate("WEB01", cert);
  e.web.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: cert.certificate.thumbprint });
  writeFolder(e.host("WEB01"), "C:\\inetpub\\wwwroot\\pwreset");
  e.web.registerHandler("pwreset", (request, context) => ({
    status: 200,
    headers: { "content-type": "text/plain" },
    body: `user=${request.form?.["user"] ?? request.query["user"] ?? "?"} json=${JSON.stringify(request.json ?? null)} secure=${context.secure}`,
  }));
  e.web.createApplication("Default Web Site", "/pwreset", { physicalPath: "C:\\inetpub\\wwwroot\\pwreset", handler: "pwreset" });
  return { e, thumbprint: cert.certificate.thumbprint, rootPem: e.ca.certificate.toPem() };
}

const colonHex = (thumbprint: string): string => thumbprint.replace(/(..)(?!$)/g, "$1:");

describe("serveReal", () => {
  it("serves the site over real HTTPS with the bound certificate, through the same handler", async () => {
    const { e, thumbprint, rootPem } = await httpsEstate();
    const server = await serveReal(e.web, "Default Web Site");
    try {
      expect(server.protocol).toBe("https");
      expect(server.thumbprint).toBe(thumbprint);
      const form = "user=jsmith&password=Secret-9";
      const posted = await fetchReal(
        true,
        { port: server.port, path: "/pwreset/reset", method: "POST", ca: rootPem, servername: "web01.corp.example", headers: { "content-type": "application/x-www-form-urlencoded", host: "web01.corp.example" } },
        form,
      );
      expect(posted).toMatchObject({ status: 200, body: "user=jsmith json=null secure=true", fingerprint: colonHex(thumbprint) });
      const json = await fetchReal(true, { port: server.port, path: "/pwreset/api", method: "POST", rejectUnauthorized: false, headers: { "content-type": "application/json" } }, '{"a":1}');
      expect(json.body).toBe('user=? json={"a":1} secure=true');
      expect((await fetchReal(true, { port: server.port, path: "/nothing.htm", rejectUnauthorized: false })).status).toBe(404);
      const requests = e.context.trace.find((x) => x.kind === "iis.request");
      expect(requests.map((r) => r.data["status"])).toEqual([200, 200, 404]);
      expect(e.context.trace.canonical()).not.toContain("Secret-9");
    } finally {
      await server.close();
    }
  });

  it("is refused by a client that does not trust the root, as the simulated browser is", async () => {
    const { e } = await httpsEstate();
    const server = await serveReal(e.web, "Default Web Site");
    try {
      await expect(fetchReal(true, { port: server.port, path: "/", servername: "web01.corp.example" })).rejects.toThrow(/certificate/i);
    } finally {
      await server.close();
    }
  });

  it("serves plain HTTP for a site with only http bindings, and answers 503 when the site is stopped", async () => {
    const e = await buildIisEstate();
    const server = await serveReal(e.web, "Default Web Site");
    try {
      expect(server.protocol).toBe("http");
      expect(await fetchReal(false, { port: server.port, path: "/" })).toMatchObject({ status: 200, body: expect.stringContaining("Internet Information Services") });
      e.web.stopSite("Default Web Site");
      expect((await fetchReal(false, { port: server.port, path: "/" })).status).toBe(503);
    } finally {
      await server.close();
    }
  });

  it("refuses a site whose https bindings have no usable certificate, an unknown site and a taken port", async () => {
    const e = await buildIisEstate();
    await expect(serveReal(e.web, "Nope")).rejects.toMatchObject({ code: "IIS_SITE_NOT_FOUND" });
    e.web.addBinding("Default Web Site", { protocol: "https" });
    await expect(serveReal(e.web, "Default Web Site")).rejects.toMatchObject({ code: "IIS_CERT_UNUSABLE" });
    e.web.removeBinding("Default Web Site", { protocol: "https" });
    const first = await serveReal(e.web, "Default Web Site");
    try {
      await expect(serveReal(e.web, "Default Web Site", { port: first.port })).rejects.toMatchObject({ code: "IIS_REAL_PORT_IN_USE" });
    } finally {
      await first.close();
    }
  });
});
