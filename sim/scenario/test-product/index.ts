import type { ProductModule } from "../../product/index.ts";
import { testWidget } from "./test-widget.ts";

export { testWidget } from "./test-widget.ts";
export { testRegistry, widgetScenario } from "./test-registry.ts";

/** For `LAB_EXTRA_PRODUCTS` (tests of the CLI): a module that exports PRODUCTS adds them to the registry. */
export const PRODUCTS: readonly ProductModule[] = [testWidget];
