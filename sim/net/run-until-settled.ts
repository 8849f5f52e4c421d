import { LabError, type Clock } from "../kernel/index.ts";

/**
 * Moves the lab clock, event by event, until `promise` settles, and returns
 * its value. Between events it lets pending promise callbacks run (an async
 * handler's answer is scheduled from one), so simulated async code completes
 * without host time passing. Other timers due later are left alone.
 */
export async function runUntilSettled<T>(clock: Clock, promise: Promise<T>, maxEvents = 100_000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await drainCallbacks();
  for (let ran = 0; !settled; ran++) {
    const at = clock.nextAt();
    if (at === undefined) {
      throw new LabError({ code: "NET_STALLED", message: "waiting on the lab clock, but nothing is scheduled and the operation has not finished", remedy: "A handler never answered, or the operation waits on something outside the lab." });
    }
    if (ran >= maxEvents) throw new LabError({ code: "NET_RUNAWAY", message: `runUntilSettled: more than ${maxEvents} events (last: ${clock.pending()[0]!.label})` });
    clock.advance(at - clock.now());
    await drainCallbacks();
  }
  // Settled already: awaiting takes its value in one job, where returning the promise would cost three.
  return await promise;
}

/**
 * Resolves once every queued promise callback has run, including the ones
 * those queue. A nextTick queued from inside a promise callback runs only
 * after Node has emptied the whole microtask queue, so this waits exactly as
 * long as a setImmediate would for promise-only code, without a turn of the
 * event loop (the simulation awaits nothing outside the lab).
 */
function drainCallbacks(): Promise<void> {
  return new Promise(afterPromiseCallbacks);
}

function afterPromiseCallbacks(resolve: () => void): void {
  queueMicrotask(() => process.nextTick(resolve));
}
