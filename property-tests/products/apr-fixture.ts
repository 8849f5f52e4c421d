import { APR_PRODUCT_ID, AprWorld, databaseFolderOf, installedVersion, loadDatabase } from "../../sim/products/apr/index.ts";
import type { Lab } from "../../sim/lab.ts";
import type { PlanBlocker } from "../../sim/product/index.ts";
import { dropFirst, isStep, moveToFront, tagFirst } from "../plan-edits.ts";
import type { Breaker, KeptData, Keeper, ProductFixture } from "../product-fixture.ts";
import { argsOf, type RawStep } from "../plan-steps.ts";
import { anyAprEstate, aprLab, plannableAprEstate, type AprEstate } from "./apr-estate.ts";

const SERVER = "APR01";
const serverUpgrade = isStep("upgrade", { component: "apr-server" });
const webUpgradeElsewhere = (step: RawStep) => isStep("upgrade", { component: "apr-web" })(step) && (argsOf(step) as { host: string }).host !== SERVER;
const estateBreaker = (name: string, rule: string, change: (e: AprEstate) => AprEstate | undefined): Breaker<AprEstate> => ({
  name,
  rule,
  severities: ["blocked"],
  observedBy: "cause",
  apply: (e, plan) => {
    const estate = change(e);
    const tagged = estate && tagFirst(plan, serverUpgrade);
    return tagged && estate ? { plan: tagged, estate } : undefined;
  },
});

const BREAKERS: readonly Breaker<AprEstate>[] = [
  {
    name: "a separate Web Interface upgraded first and used before its server",
    rule: "apr.upgrade.matching-versions",
    severities: ["broken"],
    observedBy: "cause",
    apply: (_e, plan) => {
      const broken = moveToFront(plan, webUpgradeElsewhere, { verify: "reset" });
      return broken && { plan: broken };
    },
  },
  {
    name: "Setup run without the service account's password",
    rule: "apr.upgrade3.service-password",
    severities: ["blocked"],
    observedBy: "cause",
    apply: (_e, plan) => {
      const broken = tagFirst(plan, serverUpgrade, (s) => {
        const { serviceAccount: _dropped, ...args } = argsOf(s) as Record<string, unknown>;
        return { upgrade: args };
      });
      return broken && { plan: broken };
    },
  },
  {
    name: "database backed up with the service still running",
    rule: "apr.upgrade2.backup.locked",
    severities: ["warning", "broken"],
    observedBy: "cause",
    apply: (_e, plan) => {
      const broken = dropFirst(plan, isStep("apr-service", { action: "stop" }));
      return broken && { plan: broken };
    },
  },
  {
    name: "V2 database left under Program Files (x86)",
    rule: "apr.db.move",
    severities: ["warning"],
    observedBy: ["data-console"],
    apply: (_e, plan) => {
      const broken = dropFirst(plan, isStep("move-database"));
      return broken && { plan: broken };
    },
  },
  {
    name: "old Client left in IE 7 emulation",
    rule: "apr.client.ie-mode",
    severities: ["broken"],
    observedBy: ["client"],
    apply: (_e, plan) => {
      const broken = dropFirst(plan, isStep("ie-emulation"));
      return broken && { plan: broken };
    },
  },
  {
    name: "the V2 licence key kept after the upgrade",
    rule: "apr.upgrade2.license",
    severities: ["warning", "broken"],
    observedBy: ["license"],
    apply: (_e, plan) => {
      const broken = dropFirst(plan, isStep("license", { host: SERVER }));
      return broken && { plan: broken };
    },
  },
  estateBreaker("PPE integration with Password Policy Enforcer 6.5", "apr.upgrade2.ppe", (e) => ({ ...e, ppe: { version: "6.5", integration: true } })),
  estateBreaker("20 MB of RAM not free on the server", "apr.req.ram", (e) => ({ ...e, ramFreeMb: 8 })),
  estateBreaker("a 32-bit server", "apr.req.x64", (e) => (e.from === "2.9" ? undefined : { ...e, serverOs: "windows-server-2008", serverArch: "x86" })),
];

/** The documented remedy of each blocker the generators can produce, applied to the estate. */
function remedy(e: AprEstate, blocker: PlanBlocker): AprEstate | undefined {
  const onServer = blocker.host === undefined || blocker.host === SERVER;
  switch (blocker.rule) {
    case "apr.upgrade2.no-2003":
    case "apr.req.os":
    // IIS 7 needs Windows Server 2008 or later: on 2003 the remedy is the move the OS rules ask for.
    case "apr.req.iis7":
      return onServer ? { ...e, serverOs: "windows-server-2016", serverArch: "x64" } : { ...e, webOs: "windows-server-2016" };
    case "apr.req.x64":
      return { ...e, serverArch: "x64", serverOs: e.serverOs === "windows-server-2003" ? "windows-server-2016" : e.serverOs };
    case "apr.req.ram":
      return { ...e, ramFreeMb: undefined };
    case "apr.req.disk":
      return { ...e, diskFreeMb: undefined };
    case "apr.upgrade2.ppe":
      return e.ppe ? { ...e, ppe: { ...e.ppe, version: "7.0" } } : undefined;
    case "apr.upgrade3.service-password":
      return { ...e, credentialKnown: true };
    case "apr.upgrade2.ie8":
      // XP cannot run IE 9: the client machine moves to Windows 7 with IE 11 (the rule's "upgrade those clients' IE").
      return e.client ? { ...e, client: { ...e.client, os: e.client.os === "windows-xp" ? "windows-7" : e.client.os, ie: 11 } } : undefined;
    default:
      return undefined;
  }
}

/** Enrolled users and audit rows of the server's database (what "the database files are not overwritten" keeps). */
function readDatabase(lab: Lab): KeptData {
  const host = lab.host(SERVER);
  const folder = databaseFolderOf(host);
  const version = installedVersion(host, "apr-server");
  if (!folder || !version) return { users: [], audit: 0, error: "no server" };
  const { db, error } = loadDatabase(host, folder, Number(version.split(".")[0]));
  return db ? { users: db.users().map((u) => u.user).sort(), audit: db.auditLog().length } : { users: [], audit: 0, error: error ?? "unreadable" };
}

const KEEPERS: readonly Keeper<AprEstate>[] = [
  {
    name: "enrolments and audit log",
    read: (lab) => readDatabase(lab),
    lost: (before, after) => {
      const users = (before["users"] as string[]).filter((u) => !(after["users"] as string[]).includes(u));
      const out = users.map((u) => `enrolment of ${u}`);
      if ((after["audit"] as number) < (before["audit"] as number)) out.push(`audit rows: ${String(before["audit"])} before, ${String(after["audit"])} after`);
      if (after["error"] !== undefined) out.push(`database: ${String(after["error"])}`);
      return out;
    },
    withoutSteps: [],
  },
  {
    name: "customised Web Interface templates",
    before: (e) => [{ customise: { host: e.topology === "single" ? SERVER : "WEB01", text: "Contoso branding" } }],
    read: (lab) => {
      const out: Record<string, boolean> = {};
      for (const [where, marker] of AprWorld.of(lab).customised) {
        const [host, path] = where.split("|") as [string, string];
        out[where] = lab.host(host).fs.readText(path)?.includes(marker) === true;
      }
      return out;
    },
    lost: (before, after) => Object.keys(before).filter((k) => before[k] === true && after[k] !== true),
    withoutSteps: [
      { verbs: ["backup", "restore"], rule: "apr.upgrade3.web-overwritten" },
      { verbs: ["restore"], rule: "apr.upgrade3.web-overwritten" },
    ],
  },
];

export const aprFixture: ProductFixture<AprEstate> = {
  product: APR_PRODUCT_ID,
  short: "apr",
  plannable: plannableAprEstate,
  any: anyAprEstate,
  witnesses: [
    {
      from: "2.9",
      topology: "split",
      serverOs: "windows-server-2012-r2",
      serverArch: "x64",
      webOs: "windows-server-2016",
      enrolled: 2,
      client: { os: "windows-10", arch: "x64", ie: 11, version: "3.0" },
      credentialKnown: true,
      dcs: 1,
    },
    { from: "3.22", topology: "single", serverOs: "windows-server-2016", serverArch: "x64", webOs: "windows-server-2016", enrolled: 1, credentialKnown: true, dcs: 1 },
  ],
  lab: aprLab,
  hosts: (e) => [SERVER, "PC01", ...(e.topology === "single" ? [] : ["WEB01"])],
  verifications: ["enroll", "reset", "change", "flows", "data-console", "license", "client"],
  worksBefore: () => true,
  breakers: BREAKERS,
  remedy,
  keepers: KEEPERS,
  // The checks write audit rows into the database; each backup is a new folder.
  volatile: [/\\apr(log)?\.sdf$/i, /^C:\\APR Backup\\/i],
  knownIssues: [],
};
