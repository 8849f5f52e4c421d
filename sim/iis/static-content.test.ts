import { describe, expect, it } from "vitest";
import { serveStatic, type StaticFileSource } from "./static-content.ts";

function files(map: Record<string, string>, dirs: string[]): StaticFileSource {
  const key = (p: string): string => p.toLowerCase();
  const f = new Map(Object.entries(map).map(([p, t]) => [key(p), t]));
  const d = new Set(dirs.map(key));
  return { isFile: (p) => f.has(key(p)), isDirectory: (p) => d.has(key(p)), readText: (p) => f.get(key(p)) };
}

const root = "C:\\site";
const source = files({ "C:\\site\\index.html": "<p>home</p>", "C:\\site\\app.exe": "MZ", "C:\\site\\web.config": "<configuration/>", "C:\\site\\bin\\x.htm": "x" }, [root, "C:\\site\\bin", "C:\\site\\empty"]);

describe("serveStatic", () => {
  it("serves a folder's default document and redirects a folder without its slash", () => {
    expect(serveStatic(source, "/", "/", root).response).toMatchObject({ status: 200, body: "<p>home</p>" });
    expect(serveStatic(source, "/empty", "/empty", `${root}\\empty`).response).toMatchObject({ status: 301, headers: { location: "/empty/" } });
    expect(serveStatic(source, "/empty/", "/empty/", `${root}\\empty`).reason).toMatch(/^403\.14/);
  });

  it("serves files with a MIME type and refuses the rest as IIS does", () => {
    expect(serveStatic(source, "/index.html", "/index.html", `${root}\\index.html`).response.headers).toEqual({ "content-type": "text/html" });
    expect(serveStatic(source, "/app.exe", "/app.exe", `${root}\\app.exe`).reason).toMatch(/^404\.3/);
    expect(serveStatic(source, "/web.config", "/web.config", `${root}\\web.config`).reason).toMatch(/^404\.(7|8)/);
    expect(serveStatic(source, "/bin/x.htm", "/bin/x.htm", `${root}\\bin\\x.htm`).reason).toMatch(/^404\.8/);
    expect(serveStatic(source, "/nope.htm", "/nope.htm", `${root}\\nope.htm`).reason).toMatch(/^404\.0/);
  });
});
