import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { findScenarioFiles, globToRegExp, loadCatalog, parseInteger, parseShard, selectScenarios } from "./index.ts";
import { testRegistry } from "./test-product/index.ts";

const registry = testRegistry();
const here = new URL("./test-product/scenarios/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, here), "utf8");

const root = mkdtempSync(join(tmpdir(), "lab-catalog-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function catalogDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, "c-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("the catalog", () => {
  it("finds yaml files recursively, sorted, and names them relative to the working directory", () => {
    const dir = catalogDir({ "test-widget/b.yaml": fixture("widget-install.yaml"), "a.yml": fixture("widget-deaf.yaml"), "notes.txt": "x" });
    expect(findScenarioFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(["a.yml", "test-widget/b.yaml"]);
    const catalog = loadCatalog(dir, registry, dir);
    expect(catalog.invalid).toEqual([]);
    expect(catalog.scenarios.map((s) => [s.name, s.file])).toEqual([["widget-deaf", "a.yml"], ["widget-install", "test-widget/b.yaml"]]);
  });

  it("collects invalid files with their issues instead of stopping at the first", () => {
    const dir = catalogDir({ "good.yaml": fixture("widget-install.yaml"), "bad.yaml": fixture("widget-install.yaml").replace("name: widget-install", "name: bad").replace("APP01, version", "APP09, version") });
    const catalog = loadCatalog(dir, registry, dir);
    expect(catalog.scenarios.map((s) => s.name)).toEqual(["widget-install"]);
    expect(catalog.invalid.map((e) => e.message)).toEqual([expect.stringMatching(/^bad\.yaml: invalid scenario\n {2}plan\[0\]\.install\.host: no host APP09 in lab\.hosts/)]);
  });

  it("refuses two scenarios with one name", () => {
    const dir = catalogDir({ "a.yaml": fixture("widget-install.yaml"), "b.yaml": fixture("widget-install.yaml") });
    expect(() => loadCatalog(dir, registry, dir)).toThrow(/b\.yaml: scenario name "widget-install" is already used by a\.yaml/);
  });

  it("is empty, not an error, when the directory is missing or empty", () => {
    expect(loadCatalog(join(root, "missing"), registry)).toEqual({ scenarios: [], invalid: [] });
  });
});

describe("selectScenarios", () => {
  const dir = catalogDir({ "w/deaf.yaml": fixture("widget-deaf.yaml"), "w/install.yaml": fixture("widget-install.yaml"), "old.yaml": fixture("widget-old-os.yaml") });
  const { scenarios } = loadCatalog(dir, registry, dir);
  const names = (targets: string[]) => selectScenarios(targets, scenarios, registry, dir).map((s) => s.name);

  it("takes everything without targets; names, globs over names and paths, files and directories otherwise", () => {
    expect(names([])).toEqual(["widget-old-os", "widget-deaf", "widget-install"]);
    expect(names(["widget-deaf"])).toEqual(["widget-deaf"]);
    expect(names(["widget-*"])).toEqual(["widget-old-os", "widget-deaf", "widget-install"]);
    expect(names(["w/*.yaml"])).toEqual(["widget-deaf", "widget-install"]);
    expect(names(["old.yaml"])).toEqual(["widget-old-os"]);
    expect(names(["w"])).toEqual(["widget-deaf", "widget-install"]);
    expect(names(["widget-deaf", "w/deaf.yaml"])).toEqual(["widget-deaf"]);
  });

  it("refuses an unknown name with a suggestion, and a glob that matches nothing", () => {
    expect(() => names(["widget-def"])).toThrow(/widget-def: no such file, and no scenario of that name in the catalog \(did you mean "widget-deaf"\?\)/);
    expect(() => names(["nothing-*"])).toThrow(/matches no scenario/);
  });
});

describe("glob, shard and number arguments", () => {
  it("globs: * within a segment, ** across", () => {
    expect(globToRegExp("scenarios/*.yaml").test("scenarios/a.yaml")).toBe(true);
    expect(globToRegExp("scenarios/*.yaml").test("scenarios/x/a.yaml")).toBe(false);
    expect(globToRegExp("scenarios/**/*.yaml").test("scenarios/x/y/a.yaml")).toBe(true);
    expect(globToRegExp("scenarios/**/*.yaml").test("scenarios/a.yaml")).toBe(true);
    expect(globToRegExp("a?c").test("abc")).toBe(true);
    expect(globToRegExp("a.c").test("abc")).toBe(false);
  });

  it("parses i/n shards and whole numbers, refusing the rest", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "x", "1/2/3"]) expect(() => parseShard(bad)).toThrow(/expected i\/n/);
    expect(parseInteger("-3", "--seed")).toBe(-3);
    expect(() => parseInteger("1.5", "--seed")).toThrow(/whole number/);
    expect(() => parseInteger("0", "--seeds", 1)).toThrow(/at least 1/);
  });
});
