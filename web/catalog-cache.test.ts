import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { testRegistry } from "../sim/scenario/test-product/index.ts";
import { CatalogCache } from "./catalog-cache.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const install = readFileSync(join(ROOT, "sim/scenario/test-product/scenarios/widget-install.yaml"), "utf8");
const tmp = mkdtempSync(join(tmpdir(), "lab-catalog-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("CatalogCache", () => {
  const cache = new CatalogCache(tmp, testRegistry(), tmp);

  it("keeps the catalog while no file changes", () => {
    writeFileSync(join(tmp, "a.yaml"), install);
    const first = cache.current();
    expect(first.scenarios.map((s) => s.name)).toEqual(["widget-install"]);
    expect(cache.current()).toBe(first);
  });

  it("reads it again when a file is added, changed or removed", () => {
    const before = cache.current();
    writeFileSync(join(tmp, "b.yaml"), install.replace("name: widget-install", "name: widget-b"));
    const added = cache.current();
    expect(added).not.toBe(before);
    expect(added.scenarios.map((s) => s.name)).toEqual(["widget-install", "widget-b"]);
    writeFileSync(join(tmp, "b.yaml"), install.replace("name: widget-install", "name: widget-bee"));
    expect(cache.current().scenarios.map((s) => s.name)).toEqual(["widget-install", "widget-bee"]);
    writeFileSync(join(tmp, "b.yaml"), "name: [");
    expect(cache.current().invalid).toEqual([expect.stringContaining("b.yaml")]);
    unlinkSync(join(tmp, "b.yaml"));
    expect(cache.current()).toMatchObject({ scenarios: [expect.objectContaining({ name: "widget-install" })], invalid: [] });
  });
});
