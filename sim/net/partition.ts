import type { FaultPlan } from "../kernel/index.ts";
import { NET_FAULT } from "./net-faults.ts";
import type { RegisteredNode } from "./node-table.ts";

/** Whether the active "partition" fault cuts `from` off from `to` (either direction). */
export function partitionSeparates(faults: FaultPlan, from: RegisteredNode, to: RegisteredNode): boolean {
  const fault = faults.get(NET_FAULT.partition);
  if (!fault) return false;
  const a = String(fault.params["a"] ?? "").toLowerCase();
  const b = String(fault.params["b"] ?? "").toLowerCase();
  return (isIn(from, a) && isIn(to, b)) || (isIn(from, b) && isIn(to, a));
}

function isIn(node: RegisteredNode, side: string): boolean {
  return side !== "" && (node.name.toLowerCase() === side || node.node.zone === side);
}
