import type { Lab } from "../../sim/lab.ts";
import type { PlanBlocker } from "../../sim/product/index.ts";
import { SPR_PATHS, SPR_PRODUCT_ID } from "../../sim/products/specops-reset/index.ts";
import { CAUSE, dropFirst, isStep, moveBefore, tagFirst } from "../plan-edits.ts";
import type { RawStep } from "../plan-steps.ts";
import type { Breaker, Keeper, ProductFixture } from "../product-fixture.ts";
import { anySprEstate, plannableSprEstate, sprLab, type SprEstate } from "./spr-estate.ts";

const internalWeb = isStep("setup-web", { host: "WEB01" });
const dmzWeb = isStep("setup-web", { host: "DMZ01" });
/** What the Web, Client and licence checks all run: every user process. */
const USER_CHECKS = ["flows", "enroll", "reset", "change"];

const order = (name: string, rule: string, move: (s: RawStep) => boolean, before: (s: RawStep) => boolean): Breaker<SprEstate> => ({
  name,
  rule,
  severities: ["warning"],
  observedBy: "cause",
  apply: (_e, plan) => {
    const broken = moveBefore(plan, move, before);
    return broken && { plan: broken };
  },
});

const dropped = (name: string, rule: string, verb: string, observedBy: readonly string[], when: (plan: readonly RawStep[]) => boolean = () => true): Breaker<SprEstate> => ({
  name,
  rule,
  severities: ["warning", "broken"],
  observedBy,
  apply: (_e, plan) => {
    const broken = when(plan) ? dropFirst(plan, isStep(verb)) : undefined;
    return broken && { plan: broken };
  },
});

const estate = (name: string, rule: string, at: (s: RawStep) => boolean, change: (e: SprEstate) => SprEstate | undefined): Breaker<SprEstate> => ({
  name,
  rule,
  severities: ["blocked"],
  observedBy: "cause",
  apply: (e, plan) => {
    const changed = change(e);
    const tagged = changed && tagFirst(plan, at);
    return tagged && changed ? { plan: tagged, estate: changed } : undefined;
  },
});

const copies = (plan: readonly RawStep[]) => plan.filter(isStep("copy-msi")).length;

const BREAKERS: readonly Breaker<SprEstate>[] = [
  order("the Web upgraded before the Server", "spr.order.server-first", internalWeb, isStep("setup-server")),
  order("the DMZ web upgraded before the internal Web", "spr.order.web-before-dmz", dmzWeb, internalWeb),
  order("the Administration Tools upgraded before the Web", "spr.order.admin-after-web", isStep("setup-admin"), internalWeb),
  order("the Client upgraded before the Web", "spr.order.client-last", isStep("setup-client-gpsi"), internalWeb),
  {
    name: "another certificate selected at the Server's upgrade",
    rule: "spr.server.cert-same",
    severities: ["warning", "broken"],
    observedBy: "cause",
    apply: (e, plan) => {
      if (!e.otherServerCert) return undefined;
      const broken = tagFirst(plan, isStep("setup-server"), (s) => ({ "setup-server": { ...(s["setup-server"] as object), certificate: { friendlyName: "SPR Server 2026" } } }));
      return broken && { plan: broken };
    },
  },
  dropped("the Client's msi not copied to the share", "spr.client.share", "copy-msi", ["client"], (plan) => copies(plan) === 1),
  dropped("the Client's msi copied to one DFS target only", "spr.client.dfs", "copy-msi", ["client"], (plan) => copies(plan) > 1),
  dropped("the workstations not restarted", "spr.client.restart", "restart-computers", ["client"]),
  dropped("the licence key of a 5.0 or older installation kept", "spr.post.license", "license", [...USER_CHECKS, "license"]),
  {
    name: "the branding not kept over the Web's upgrade",
    rule: "spr.post.branding",
    severities: ["warning"],
    observedBy: ["branding"],
    apply: (_e, plan) => {
      const first = plan.findIndex(isStep("branding"));
      if (first < 0) return undefined;
      const rest = plan.filter((s) => !isStep("branding")(s));
      return { plan: rest.map((step, i) => (i === first ? { step, tag: CAUSE } : { step })) };
    },
  },
  dropped("the 6.3 ADMX settings not migrated", "spr.client.admx-migrate", "migrate-admx", ["client"]),
  estate("Windows Identity Foundation missing on the Server", "spr.req.server.wif", isStep("setup-server"), (e) => ({ ...e, serverWif: false })),
  estate("the DMZ web without .NET 3.5 SP1", "spr.dmz.dotnet", dmzWeb, (e) => (e.dmz ? { ...e, dmz: { ...e.dmz, dotnet35sp1: false } } : undefined)),
];

function remedy(e: SprEstate, blocker: PlanBlocker): SprEstate | undefined {
  switch (blocker.rule) {
    case "spr.upgrade.from-4.1":
      // The document's way from older versions: 4.1's own Setup Assistant first.
      return blocker.host === "DMZ01" && e.dmz ? { ...e, dmz: { ...e.dmz, from: "4.1" } } : { ...e, from: e.from === "4.0" ? "4.1" : e.from };
    case "spr.req.server.os":
      return { ...e, serverOs: "windows-server-2016" };
    case "spr.req.server.wif":
      return { ...e, serverWif: true };
    case "spr.req.admin.os":
    case "spr.req.admin.snapins":
    case "spr.req.admin.dotnet":
      return e.admin ? { ...e, admin: { snapins: true, dotnet: true } } : undefined;
    case "spr.req.client.os":
    case "spr.req.client.dotnet":
      return e.client ? { ...e, client: { ...e.client, dotnet: true, os: e.client.os === "windows-7" ? "windows-10" : e.client.os } } : undefined;
    case "spr.dmz.dotnet":
      return e.dmz ? { ...e, dmz: { ...e.dmz, dotnet35sp1: true } } : undefined;
    default:
      return undefined;
  }
}

/** The Web's branding (its logo file), which the Web's upgrade replaces with the default. */
function readBranding(lab: Lab): Record<string, unknown> {
  return { logo: lab.host("WEB01").fs.readText(`${SPR_PATHS.BRANDING_DIR}\\logo.png`) ?? null };
}

const KEEPERS: readonly Keeper<SprEstate>[] = [
  {
    name: "the Web's corporate branding",
    read: (lab, e) => (e.branding ? readBranding(lab) : {}),
    withoutSteps: [{ verbs: ["branding"], rule: "spr.post.branding" }],
  },
];

export const sprFixture: ProductFixture<SprEstate> = {
  product: SPR_PRODUCT_ID,
  short: "spr",
  plannable: plannableSprEstate,
  any: anySprEstate,
  witnesses: [false, true].map((dfs) => ({
    from: "5.0",
    serverOs: "windows-server-2016",
    serverWif: true,
    otherServerCert: true,
    mobile: false,
    branding: true,
    admin: { snapins: true, dotnet: true },
    client: { os: "windows-10", arch: "x64", dotnet: true, dfs, mobileAttribute: true },
    dmz: { from: "5.0", dotnet35sp1: true },
    dcs: 1,
  })),
  lab: sprLab,
  hosts: (e) => ["SPR01", "WEB01", "WS01", ...(e.admin ? ["ADM01"] : []), ...(e.dmz ? ["DMZ01"] : [])],
  verifications: ["enroll", "reset", "change", "flows", "helpdesk", "branding"],
  worksBefore: () => true,
  breakers: BREAKERS,
  remedy,
  keepers: KEEPERS,
  volatile: [/^C:\\temp\\/i],
  knownIssues: [],
};
