import { describe, expect, it } from "vitest";
import { dependencyOrder, findCycle } from "./dependency-order.ts";

const graph: Record<string, string[]> = { app: ["db", "cache"], cache: ["db"], db: [], tool: [] };
const depsOf = (k: string): string[] => graph[k] ?? [];

describe("dependencyOrder", () => {
  it("puts dependencies first and breaks ties by name", () => {
    expect(dependencyOrder(["tool", "app", "cache", "db"], depsOf)).toEqual(["db", "cache", "app", "tool"]);
  });

  it("returns only the keys asked for", () => {
    expect(dependencyOrder(["app"], depsOf)).toEqual(["app"]);
  });
});

describe("findCycle", () => {
  it("finds a cycle through the start key", () => {
    const cyclic: Record<string, string[]> = { a: ["b"], b: ["c"], c: ["a"] };
    expect(findCycle("a", (k) => cyclic[k] ?? [])).toEqual(["a", "b", "c", "a"]);
  });

  it("finds none in an acyclic graph", () => {
    expect(findCycle("app", depsOf)).toBeUndefined();
  });
});
