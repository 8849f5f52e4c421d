import { describe, expect, it } from "vitest";
import { createWebRequest } from "./web-request.ts";

const base = { clientHost: "CLIENT01", clientIp: "10.0.0.50" };

describe("createWebRequest", () => {
  it("parses path, query and a urlencoded form", () => {
    const r = createWebRequest({ ...base, method: "post", url: "https://web01/pwreset/reset%20me?step=2&x=a%26b", headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" }, body: "user=jsmith&password=p%40ss+word" });
    expect(r.method).toBe("POST");
    expect(r.path).toBe("/pwreset/reset me");
    expect(r.query).toEqual({ step: "2", x: "a&b" });
    expect(r.headers["content-type"]).toMatch(/urlencoded/);
    expect(r.form).toEqual({ user: "jsmith", password: "p@ss word" });
    expect(r.json).toBeUndefined();
  });

  it("parses JSON bodies and leaves other types raw", () => {
    expect(createWebRequest({ ...base, method: "POST", url: "/api", headers: { "content-type": "application/json" }, body: '{"a":[1]}' }).json).toEqual({ a: [1] });
    const raw = createWebRequest({ ...base, method: "POST", url: "/api", headers: { "content-type": "text/plain" }, body: "a=b" });
    expect(raw.form).toBeUndefined();
    expect(raw.body).toBe("a=b");
  });

  it("refuses broken JSON, unmodelled methods and bad URLs with codes", () => {
    expect(() => createWebRequest({ ...base, method: "POST", url: "/api", headers: { "content-type": "application/json" }, body: "{" })).toThrow(expect.objectContaining({ code: "IIS_BODY_INVALID" }));
    expect(() => createWebRequest({ ...base, method: "DELETE", url: "/" })).toThrow(expect.objectContaining({ code: "IIS_METHOD_UNSUPPORTED" }));
    expect(() => createWebRequest({ ...base, url: "/%E0%A4%A" })).toThrow(expect.objectContaining({ code: "IIS_URL_INVALID" }));
  });
});
