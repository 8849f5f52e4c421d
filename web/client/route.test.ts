import { describe, expect, it } from "vitest";
import { parseRoute, routeHash, type Route } from "./route.ts";

describe("the page's address", () => {
  it("round-trips every kind of route", () => {
    const routes: Route[] = [
      { kind: "home" },
      { kind: "run", scenario: "widget-deaf", remedy: false },
      { kind: "run", scenario: "apr dmz/odd&name", seed: -7, remedy: true },
      { kind: "report" },
      { kind: "report", index: 3 },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it("reads what `lab demo --open` prints, and passes a seed that is not a number on for the server to refuse", () => {
    expect(parseRoute("#scenario=widget-deaf&seed=3")).toEqual({ kind: "run", scenario: "widget-deaf", seed: 3, remedy: false });
    expect(parseRoute("#scenario=widget-deaf&seed=abc")).toMatchObject({ seed: NaN });
    expect(parseRoute("#scenario=widget-deaf&seed=")).toEqual({ kind: "run", scenario: "widget-deaf", remedy: false });
  });

  it("treats anything else as home, and a report index that is not one as the report's list", () => {
    expect(parseRoute("")).toEqual({ kind: "home" });
    expect(parseRoute("#whatever=1")).toEqual({ kind: "home" });
    expect(parseRoute("#report=-1")).toEqual({ kind: "report" });
    expect(parseRoute("#report=x")).toEqual({ kind: "report" });
  });
});
