import { BUILTIN_VERBS, createRegistry, type ProductRegistry } from "../index.ts";
import type { ProductModule } from "../../product/index.ts";
import { testWidget } from "./test-widget.ts";

/** A registry holding only the test product (or the products given), with the built-in verbs and no estate faults. */
export function testRegistry(products: readonly ProductModule[] = [testWidget]): ProductRegistry {
  return createRegistry({ products, builtinVerbs: BUILTIN_VERBS, estateFaults: [] });
}

/** A valid scenario as raw data (the shape of a YAML file), for tests to vary. */
export function widgetScenario(): Record<string, any> {
  return {
    name: "widget-test",
    product: "test-widget",
    seed: 1,
    lab: {
      hosts: [
        { name: "APP01", os: "windows-server-2019" },
        { name: "OLD01", os: "windows-server-2012" },
      ],
    },
    plan: [{ install: { host: "APP01", version: "2.0" } }, { verify: "ping" }],
    expect: { findings: [], final: "healthy" },
  };
}
