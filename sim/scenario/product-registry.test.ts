import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRule, type ProductModule } from "../product/index.ts";
import { BUILTIN_VERBS, createRegistry, defaultRegistry, PRODUCTS } from "./index.ts";
import { testRegistry, testWidget } from "./test-product/index.ts";

const estateFault = { name: "packet-loss", description: "d", mechanism: "m", params: {}, trips: [] };

describe("createRegistry", () => {
  it("merges the estate's faults and the products' into one catalog, and resolves verbs per product", () => {
    const r = createRegistry({ products: [testWidget], builtinVerbs: BUILTIN_VERBS, estateFaults: [estateFault] });
    expect([...r.faultCatalog.keys()]).toEqual(["packet-loss", "widget-deaf"]);
    expect([...r.verbsFor(testWidget).keys()]).toEqual([...BUILTIN_VERBS.map((v) => v.name), "install", "break"]);
    expect(r.verbsFor(testWidget).get("install")!.origin).toBe("test-widget");
    expect(r.component("widget")?.product.id).toBe("test-widget");
    expect(r.rule("test.req.os")?.kind).toBe("prereq");
  });

  it("refuses clashes: a product twice, a verb shadowing a built-in, a fault named twice, a fault tripping an unknown rule", () => {
    const clash: ProductModule = {
      ...testWidget,
      id: "other",
      rules: [defineRule({ ...testWidget.rules[0]!, id: "other.rule", product: "other" })],
      components: [],
      verbs: [{ name: "advance", description: "", args: z.unknown(), run: async () => {} }],
      faults: [{ ...testWidget.faults[0]!, trips: ["nope"] }],
    };
    try {
      createRegistry({ products: [testWidget, testWidget, clash], builtinVerbs: BUILTIN_VERBS, estateFaults: [] });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("REGISTRY_INVALID");
      const message = (error as Error).message;
      expect(message).toContain('product "test-widget" is registered twice');
      expect(message).toContain('other defines verb "advance", which is built in');
      expect(message).toContain('fault "widget-deaf" (other) is already in the catalog');
      expect(message).toContain('fault "widget-deaf" of other trips unknown rule "nope"');
    }
    expect(() => testRegistry()).not.toThrow();
  });

  it("the default registry holds the registered products (none yet) and the built-in verbs", () => {
    const r = defaultRegistry();
    expect(r.products).toEqual(PRODUCTS);
    expect(r.builtinVerbs.map((v) => v.name)).toEqual(BUILTIN_VERBS.map((v) => v.name));
    expect(r.builtinVerbs.map((v) => v.name)).toEqual(expect.arrayContaining(["advance", "verify", "restart", "registry", "files", "service", "cert", "firewall", "gpo"]));
    expect(defaultRegistry([testWidget]).product("test-widget")).toBe(testWidget);
  });
});
