// Property tests of the lab (issue 9): generators of estates and plans per
// product, the properties (ordering, planner soundness, nothing lost,
// determinism, swarm, liveness, idempotence) as functions over a product
// fixture, and the machinery they share: a runner that keeps the lab, estate
// snapshots, failure reports that print the counter-example as scenario YAML.
// bench/random-plans.ts measures the same plans.

// --- settings and reporting ---------------------------------------------------
export { CI_SEED, DEEP, DEEP_FACTOR, WITH_KNOWN_ISSUES, propertyRuns, propertySeed } from "./run-settings.ts";
export { checkProperty, formatFailure } from "./check-property.ts";
export { PropertyPool, poolSize } from "./property-pool.ts";
export { healthyPlanCase } from "./healthy-plan-case.ts";
export { CaseFailure } from "./case-failure.ts";
export { rawScenario, scenarioYaml } from "./raw-scenario.ts";
export { describeFindings } from "./describe-findings.ts";
export { skipKnownIssues } from "./known-issues.ts";

// --- running and looking into labs ---------------------------------------------
export { propertyContext } from "./property-context.ts";
export { PlanCache } from "./plan-cache.ts";
export { documentedPlan } from "./documented-plan.ts";
export { runRaw } from "./run-raw.ts";
export { continueRun, judgeNow, runObserved } from "./observed-run.ts";
export { snapshotDiff, snapshotEstate } from "./estate-snapshot.ts";

// --- plans: steps, edits, unrelated steps ----------------------------------------
export { argsOf, hostOf, items, stepOfTag, toRawStep, verbOf, verificationsOf } from "./plan-steps.ts";
export { CAUSE, dropFirst, expectedStep, isStep, moveBefore, moveToFront, tagFirst } from "./plan-edits.ts";
export { interleave } from "./interleave.ts";
export { resolveUnrelated, stepsOf, unrelatedStep, unrelatedSteps, withUnrelated } from "./unrelated-steps.ts";

// --- the properties ---------------------------------------------------------------
export { brokenOrderIsReported, documentedOrderHolds } from "./ordering-property.ts";
export { MAX_REMEDY_ROUNDS, plannerIsSound } from "./planner-soundness-property.ts";
export { nothingIsLost } from "./nothing-lost-property.ts";
export { runsAreDeterministic } from "./determinism-property.ts";
export { upgradeIsIdempotent } from "./idempotence-property.ts";
export { formatSwarmOptions, swarmOptions } from "./swarm-options.ts";
export { swarmProblems, swarmScenario } from "./swarm-scenario.ts";
export { LIVENESS_BOUND_MS, convergesAfterFaults } from "./converges-after-faults.ts";

// --- the products ------------------------------------------------------------------
export {
  PRODUCT_FIXTURES, aprFixture, sprFixture, spsFixture,
  anyAprEstate, aprLab, plannableAprEstate, anySprEstate, plannableSprEstate, sprLab, anySpsEstate, plannableSpsEstate, spsLab,
} from "./products/index.ts";

// --- types ---------------------------------------------------------------------------
export type { PropertyOptions, PropertyRun } from "./check-property.ts";
export type { PooledPredicate } from "./pool-messages.ts";
export type { PooledVerdict } from "./property-pool.ts";
export type { RawScenario } from "./raw-scenario.ts";
export type { PropertyContext } from "./property-context.ts";
export type { DocumentedPlan } from "./documented-plan.ts";
export type { ObserveOptions, ObservedError, ObservedRun } from "./observed-run.ts";
export type { EstateSnapshot } from "./estate-snapshot.ts";
export type { PlanItem, RawStep } from "./plan-steps.ts";
export type { Insertion } from "./interleave.ts";
export type { UnrelatedStep, UnrelatedSteps } from "./unrelated-steps.ts";
export type { Breaker, Keeper, KeptData, KnownIssue, ProductFixture } from "./product-fixture.ts";
export type { SwarmFault, SwarmOptions } from "./swarm-options.ts";
export type { AprEstate, AprFrom, AprTopology, SprEstate, SprFrom, SpsEstate, SpsFrom } from "./products/index.ts";
