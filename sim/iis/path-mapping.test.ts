import { describe, expect, it } from "vitest";
import { mapRequestPath } from "./path-mapping.ts";
import type { Site } from "./site.ts";
import { normaliseVirtualPath } from "./virtual-path.ts";

const site: Site = {
  id: 1,
  name: "Default Web Site",
  state: "Started",
  bindings: [],
  applications: [
    { path: "/", applicationPool: "DefaultAppPool", virtualDirectories: [{ path: "/", physicalPath: "C:\\inetpub\\wwwroot" }, { path: "/docs", physicalPath: "D:\\docs" }] },
    { path: "/pwreset", applicationPool: "APR", handler: "apr-web", virtualDirectories: [{ path: "/", physicalPath: "C:\\inetpub\\wwwroot\\pwreset" }, { path: "/images", physicalPath: "C:\\branding" }] },
    { path: "/pwreset/admin", applicationPool: "APR", virtualDirectories: [{ path: "/", physicalPath: "C:\\apradmin" }] },
  ],
};

describe("mapRequestPath", () => {
  it("maps to the application with the longest containing path", () => {
    expect(mapRequestPath(site, "/pwreset/reset.aspx")?.application.path).toBe("/pwreset");
    expect(mapRequestPath(site, "/PWRESET")?.application.path).toBe("/pwreset");
    expect(mapRequestPath(site, "/pwreset/admin/x")?.application.path).toBe("/pwreset/admin");
    expect(mapRequestPath(site, "/pwresetx")?.application.path).toBe("/");
  });

  it("maps to the longest virtual directory of that application and joins the physical path", () => {
    expect(mapRequestPath(site, "/pwreset/images/logo.png")?.physicalPath).toBe("C:\\branding\\logo.png");
    expect(mapRequestPath(site, "/pwreset/reset.aspx")?.physicalPath).toBe("C:\\inetpub\\wwwroot\\pwreset\\reset.aspx");
    expect(mapRequestPath(site, "/docs/a/b.htm")?.physicalPath).toBe("D:\\docs\\a\\b.htm");
    expect(mapRequestPath(site, "/pwreset/admin/x")?.applicationPath).toBe("/x");
  });

  it("finds nothing in a site without a root application", () => {
    const bare: Site = { ...site, applications: [site.applications[1]!] };
    expect(mapRequestPath(bare, "/other")).toBeUndefined();
    expect(mapRequestPath(bare, "/pwreset")).toBeDefined();
  });
});

describe("normaliseVirtualPath", () => {
  it("normalises slashes and refuses dot segments and wildcards", () => {
    expect(normaliseVirtualPath("pwreset/")).toBe("/pwreset");
    expect(normaliseVirtualPath("\\a\\\\b")).toBe("/a/b");
    expect(normaliseVirtualPath("/")).toBe("/");
    expect(() => normaliseVirtualPath("/a/../b")).toThrow(expect.objectContaining({ code: "IIS_PATH_INVALID" }));
    expect(() => normaliseVirtualPath("/a*")).toThrow(expect.objectContaining({ code: "IIS_PATH_INVALID" }));
  });
});
