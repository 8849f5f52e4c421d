// A thread of the property pool. Plain JavaScript so that Node can start it
// without a loader; it registers tsx (the properties are TypeScript) and hands
// over to pool-worker-loop.ts.
import { register } from "tsx/esm/api";

register();
await import("./pool-worker-loop.ts");
