import { parentPort } from "node:worker_threads";
import { evaluateCase } from "./evaluate-case.ts";
import type { CaseMessage, CaseOutcome, PooledPredicate, RunOutcome } from "./pool-messages.ts";
import { propertyContext, type PropertyContext } from "./property-context.ts";

type Predicate = (value: unknown) => Promise<void>;
type Factory = (ctx: PropertyContext, ...args: unknown[]) => Predicate;

if (!parentPort) throw new Error("pool-worker-loop runs in a worker thread of the property pool");
const port = parentPort;
// One context per thread, as one per test file in-thread: the registry and the documented plans cached per estate.
const context = propertyContext();
const predicates = new Map<string, Promise<Predicate>>();

function predicateOf(job: PooledPredicate): Promise<Predicate> {
  const key = JSON.stringify(job);
  let predicate = predicates.get(key);
  if (!predicate) {
    predicate = import(job.module).then((module: Record<string, unknown>) => {
      const factory = module[job.export];
      if (typeof factory !== "function") throw new Error(`${job.module} exports no predicate factory "${job.export}"`);
      return (factory as Factory)(context, ...job.args);
    });
    predicates.set(key, predicate);
  }
  return predicate;
}

async function evaluate(message: CaseMessage): Promise<CaseOutcome> {
  try {
    return await evaluateCase(await predicateOf(message.job), message.index, message.value);
  } catch (error) {
    // The predicate could not be built (a wrong module or export): every case fails with why.
    return { index: message.index, outcome: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}

// Cases queue up (the pool keeps a few in flight per thread so that a thread never waits for the next) and run one at a time.
const queue: CaseMessage[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let message = queue.shift(); message; message = queue.shift()) port.postMessage({ ...(await evaluate(message)), run: message.run } satisfies RunOutcome);
  running = false;
}

port.on("message", (message: CaseMessage) => {
  queue.push(message);
  if (!running) void drain();
});
