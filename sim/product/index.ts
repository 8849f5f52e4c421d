export { SEVERITY_RANK, defineRule, ruleFactory } from "./rule.ts";
export type { ProductRuleInput, Rule, RuleKind, SeedSource, Severity } from "./rule.ts";
export type { Finding, FindingInput } from "./finding.ts";
export type { ComponentDef, FinalState, PlanBlocker, ProductModule, UpgradePlan, StepContext, StepRefs, VerbDef, Verification } from "./product-module.ts";
