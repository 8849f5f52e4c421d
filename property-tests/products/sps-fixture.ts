import type { Lab } from "../../sim/lab.ts";
import type { PlanBlocker } from "../../sim/product/index.ts";
import { policyFormatOf, resolveUserPolicy, SPS_LATEST, SPS_PRODUCT_ID, spsState } from "../../sim/products/specops-sync/index.ts";
import { dropFirst, isStep, moveBefore, tagFirst } from "../plan-edits.ts";
import type { RawStep } from "../plan-steps.ts";
import type { Breaker, Keeper, ProductFixture } from "../product-fixture.ts";
import { anySpsEstate, plannableSpsEstate, spsLab, type SpsEstate } from "./sps-estate.ts";

const syncSetup = isStep("setup", { component: "sps-server" });
const adminSetup = isStep("setup", { component: "sps-admin" });

const dropped = (name: string, rule: string, verb: string, observedBy: "cause" | readonly string[], severities: Breaker<SpsEstate>["severities"]): Breaker<SpsEstate> => ({
  name,
  rule,
  severities,
  observedBy,
  apply: (_e, plan) => {
    const broken = dropFirst(plan, isStep(verb));
    return broken && { plan: broken };
  },
});

const estate = (name: string, rule: string, at: (s: RawStep) => boolean, change: (e: SpsEstate) => SpsEstate): Breaker<SpsEstate> => ({
  name,
  rule,
  severities: ["blocked"],
  observedBy: "cause",
  apply: (e, plan) => {
    const tagged = tagFirst(plan, at);
    return tagged && { plan: tagged, estate: change(e) };
  },
});

const BREAKERS: readonly Breaker<SpsEstate>[] = [
  {
    name: "the Sync Server upgraded before the notifiers",
    rule: "sps.order",
    severities: ["warning"],
    observedBy: "cause",
    apply: (_e, plan) => {
      const broken = moveBefore(plan, syncSetup, isStep("extract"));
      return broken && { plan: broken };
    },
  },
  {
    name: "the Administration Tools upgraded before the Sync Server",
    rule: "sps.order",
    severities: ["warning"],
    observedBy: "cause",
    apply: (_e, plan) => {
      const broken = moveBefore(plan, adminSetup, syncSetup);
      return broken && { plan: broken };
    },
  },
  dropped("the domain controllers not restarted after the notifier upgrade", "sps.pcn.all-dcs", "restart-dcs", "cause", ["warning"]),
  dropped("the new notifier msi run over the old one", "sps.pcn.uninstall-first", "uninstall", "cause", ["blocked"]),
  dropped("the Sync Server's certificate not imported into the DCs' trusted roots", "sps.post.cert-trusted", "import-cert", ["cert-trusted"], ["broken"]),
  dropped("no licence key imported", "sps.post.license", "license", ["license", "sync"], ["broken"]),
  estate("the Sync Server outside the domain", "sps.req.sync.member", syncSetup, (e) => ({ ...e, syncJoined: false })),
  estate("a domain controller on Windows Server 2003", "sps.req.pcn.os", isStep("msi"), (e) => ({ ...e, dcOs: "windows-server-2003" })),
];

function remedy(e: SpsEstate, blocker: PlanBlocker): SpsEstate | undefined {
  switch (blocker.rule) {
    case "sps.upgrade.from-4.1":
      return { ...e, from: "4.1" };
    case "sps.req.pcn.os":
      return { ...e, dcOs: "windows-server-2019" };
    case "sps.req.sync.os":
      return { ...e, syncOs: "windows-server-2019" };
    case "sps.req.sync.member":
      return { ...e, syncJoined: true };
    case "sps.req.admin.os":
      return { ...e, admin: { ...e.admin, os: "windows-10" } };
    case "sps.req.admin.gpmc":
      return { ...e, admin: { ...e.admin, gpmc: true } };
    case "sps.req.admin.dotnet":
      return { ...e, admin: { ...e.admin, dotnet: true } };
    case "sps.admin.where":
      // The licence is imported from the Administration Tools: a computer where they can run.
      return { ...e, admin: { os: e.admin.os === "windows-xp" ? "windows-10" : e.admin.os, gpmc: true, dotnet: true } };
    default:
      return undefined;
  }
}

/** The Password Sync policy: the Sync Scopes and Points the Tools saved, and the points a user in scope resolves to. */
function readPolicy(lab: Lab): Record<string, unknown> {
  const state = spsState(lab);
  const directory = lab.domain();
  const user = directory.user("jdoe");
  const resolved = user ? resolveUserPolicy(directory, state.policy, user.distinguishedName, policyFormatOf(SPS_LATEST)) : undefined;
  return {
    scopes: [...state.policy.scopes.values()].map((s) => `${s.name}@${s.ou}`).sort(),
    points: [...state.policy.points.values()].map((p) => `${p.name}->${p.target}`).sort(),
    jdoe: resolved ? resolved.points.map((p) => p.name).sort() : null,
  };
}

const KEEPERS: readonly Keeper<SpsEstate>[] = [{ name: "the Password Sync policy", read: (lab) => readPolicy(lab), withoutSteps: [] }];

export const spsFixture: ProductFixture<SpsEstate> = {
  product: SPS_PRODUCT_ID,
  short: "sps",
  plannable: plannableSpsEstate,
  any: anySpsEstate,
  witnesses: [
    {
      from: "4.1",
      dcs: 2,
      dcOs: "windows-server-2019",
      syncOs: "windows-server-2019",
      syncJoined: true,
      syncDotnet: true,
      // Self-signed and not trusted, so that the plan imports it (a valid one, even near its end, is kept).
      cert: "untrusted",
      license: "none",
      admin: { os: "windows-10", gpmc: true, dotnet: true },
      targets: ["cloud", "hr"],
    },
  ],
  lab: spsLab,
  hosts: (e) => ["SYNC01", "ADM01", ...Array.from({ length: e.dcs }, (_, i) => `DC0${i + 1}`)],
  verifications: ["sync", "pcn-all-dcs", "cert-trusted"],
  worksBefore: (e) => e.cert !== "untrusted" && e.cert !== "expired" && e.license !== "none",
  breakers: BREAKERS,
  remedy,
  keepers: KEEPERS,
  // The Setup Assistant extracts into C:\temp each time it runs.
  volatile: [/^C:\\temp\\/i],
  knownIssues: [],
};
