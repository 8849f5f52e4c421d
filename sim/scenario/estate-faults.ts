import type { FaultDefinition } from "../kernel/index.ts";
import { NET_FAULT_CATALOG } from "../net/index.ts";

/**
 * Faults of the estate itself (network loss, duplication, reordering,
 * delay, partitions...): they join every product's in the catalog. Another
 * estate layer adds its list here.
 */
export const ESTATE_FAULTS: readonly FaultDefinition[] = [...NET_FAULT_CATALOG];
