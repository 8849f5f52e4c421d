// Where the page is, in its address: `#scenario=widget-deaf&seed=3&remedy=1`
// runs that scenario (what `lab demo --open` links to); `#report` shows the
// last report written by `lab run`.

export type Route =
  | { readonly kind: "home" }
  | { readonly kind: "run"; readonly scenario: string; readonly seed?: number; readonly remedy: boolean }
  | { readonly kind: "report"; readonly index?: number };

export function parseRoute(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const scenario = params.get("scenario");
  if (scenario) {
    const seed = params.get("seed");
    // A seed that is not a whole number goes to the server as it is, to be refused there with its reason.
    return { kind: "run", scenario, ...(seed !== null && seed !== "" ? { seed: Number(seed) } : {}), remedy: params.get("remedy") === "1" };
  }
  if (params.has("report")) {
    const index = Number(params.get("report"));
    return params.get("report") !== "" && Number.isInteger(index) && index >= 0 ? { kind: "report", index } : { kind: "report" };
  }
  return { kind: "home" };
}

export function routeHash(route: Route): string {
  if (route.kind === "home") return "";
  const params = new URLSearchParams();
  if (route.kind === "report") params.set("report", route.index === undefined ? "" : String(route.index));
  else {
    params.set("scenario", route.scenario);
    if (route.seed !== undefined) params.set("seed", String(route.seed));
    if (route.remedy) params.set("remedy", "1");
  }
  return `#${params.toString()}`;
}
