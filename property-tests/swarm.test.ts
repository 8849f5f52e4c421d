import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRegistry } from "../sim/scenario/index.ts";
import { propertyContext } from "./property-context.ts";
import { CaseFailure } from "./case-failure.ts";
import { checkProperty } from "./check-property.ts";
import { PRODUCT_FIXTURES } from "./products/index.ts";
import { formatSwarmOptions, swarmOptions } from "./swarm-options.ts";
import { convergesAfterFaults } from "./converges-after-faults.ts";
import { swarmProblems, swarmScenario } from "./swarm-scenario.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const fixtures = PRODUCT_FIXTURES;
const file = "property-tests/swarm.test.ts";
const verbose = process.env["LAB_SWARM_VERBOSE"] === "1";
/** LAB_SWARM_SEED=<n> replays one swarm seed alone (the number a failure prints after SEED=). */
const only = process.env["LAB_SWARM_SEED"];
const seeds = only !== undefined ? fc.constant(Number(only)) : fc.integer({ min: 0, max: 0x7fffffff });

describe("swarm: each seed draws its estate and its fault mix", () => {
  it("the options resolve from the seed alone", () => {
    expect(swarmOptions(42, fixtures)).toEqual(swarmOptions(42, fixtures));
    const drawn = Array.from({ length: 40 }, (_, i) => swarmOptions(i, fixtures));
    expect(new Set(drawn.map((o) => o.product)).size).toBe(3);
    expect(drawn.some((o) => o.faults.length === 0)).toBe(true);
    expect(drawn.some((o) => o.faults.some((f) => f.params["probability"] === 0))).toBe(true);
    expect(new Set(drawn.flatMap((o) => o.faults.map((f) => f.name)))).toEqual(new Set(["packet-loss", "packet-duplication", "packet-reorder", "network-delay", "partition"]));
    expect(drawn.some((o) => o.restarts.length > 0) && drawn.some((o) => o.clockJumps.length > 0)).toBe(true);
    expect(formatSwarmOptions(drawn[0]!)).toMatch(/^SEED=0 product=\S+ labSeed=\d+ faults=.* estate=\{/);
  });

  it("safety: no crash, every finding explained, a replay gives the same trace", async () => {
    await checkProperty(
      seeds,
      async (seed) => {
        const options = swarmOptions(seed, fixtures);
        if (verbose) console.info(formatSwarmOptions(options));
        const raw = await swarmScenario(options, fixtures, ctx);
        const { problems } = await swarmProblems(raw, ctx);
        if (problems.length > 0) throw new CaseFailure(`${formatSwarmOptions(options)}\n  ${problems.join("\n  ")}\n  replay this seed alone: LAB_SWARM_SEED=${seed} npx vitest run ${file}`, raw, "swarm run");
      },
      { runs: only !== undefined ? 1 : 12, deepFactor: only !== undefined ? 1 : undefined, file },
    );
  });

  it("liveness: once the faults are removed and the remedies applied, the estate is healthy within 30 minutes of lab time", async () => {
    await checkProperty(
      seeds,
      async (seed) => {
        const options = swarmOptions(seed, fixtures);
        const raw = await swarmScenario(options, fixtures, ctx);
        const outcome = await convergesAfterFaults(raw, ctx);
        if (verbose) console.info(`${formatSwarmOptions(options)} -> ${outcome.problem ?? `healthy after ${outcome.recoveredInMs} ms`}`);
        if (outcome.problem) throw new CaseFailure(`${formatSwarmOptions(options)}\n  ${outcome.problem}\n  replay this seed alone: LAB_SWARM_SEED=${seed} npx vitest run ${file}`, raw, "faulty phase");
      },
      { runs: only !== undefined ? 1 : 8, deepFactor: only !== undefined ? 1 : undefined, file },
    );
  });
});
