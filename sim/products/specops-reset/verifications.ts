import type { FindingInput, StepContext, Verification } from "../../product/index.ts";
import { checkAdmin, checkAllComponents, checkBranding, checkClient, deploymentTargets, type CheckResult } from "./checks.ts";
import { SPR_SERVER, SPR_WEB } from "./components.ts";
import { hostsWith, installedVersion } from "./estate.ts";
import { runFlow, type Route, type UserFlow } from "./flows.ts";
import { externalRoutes, internalRoute } from "./routes.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions } from "./versions.ts";

/** How a run of checks went: each outcome counted, internal user processes apart (they decide "broken"). */
export interface Tally {
  passed: number;
  failed: number;
  internalUserPassed: number;
  internalUserFailed: number;
}

export const newTally = (): Tally => ({ passed: 0, failed: 0, internalUserPassed: 0, internalUserFailed: 0 });

const USER_FLOWS: readonly UserFlow[] = ["enroll", "reset", "change", "mobile"];

function raiseBroken(ctx: StepContext, finding: FindingInput): void {
  ctx.raise({ severity: "broken", ...finding });
}

/** Runs user processes from inside (SCP) and, where a DMZ web exists, from outside. */
export async function runFlows(ctx: StepContext, flows: readonly UserFlow[], tally: Tally, options: { external: boolean }): Promise<void> {
  const inside = internalRoute(ctx.lab);
  for (const flow of flows) {
    const counted = USER_FLOWS.includes(flow);
    if (!inside.ok) {
      raiseBroken(ctx, inside.finding);
      tally.failed++;
      if (counted) tally.internalUserFailed++;
      continue;
    }
    const ok = await runOne(ctx, flow, inside.route);
    tally[ok ? "passed" : "failed"]++;
    if (counted) tally[ok ? "internalUserPassed" : "internalUserFailed"]++;
  }
  if (inside.ok) ctx.checked("spr.web.scp");
  if (!options.external) return;
  const routes = externalRoutes(ctx.lab);
  for (const route of routes) {
    checkExternalReady(ctx, route);
    for (const flow of flows.filter((f) => f === "enroll" || f === "reset" || f === "change")) {
      const ok = await runOne(ctx, flow, route);
      tally[ok ? "passed" : "failed"]++;
    }
  }
}

async function runOne(ctx: StepContext, flow: UserFlow, route: Route): Promise<boolean> {
  const outcome = await runFlow(ctx.lab, flow, route);
  if (outcome.ok) {
    ctx.checked("spr.post.flows");
    if (flow === "helpdesk" || flow === "reporting") ctx.checked("spr.post.elevated-pages");
    if (flow === "mobile") ["spr.web.mobile", "spr.post.passphrase-mobile"].forEach((r) => ctx.checked(r));
    [
      "spr.server.cert-same", "spr.server.role", "spr.server.role.version", "spr.server.role.config", "spr.web.role", "spr.web.ssl-cert",
      "spr.req.web.trusted-cert", "spr.req.web.trusted-cert.names", "spr.server.management-level", "spr.server.management-level.licence", "spr.post.license",
    ].forEach((r) => ctx.checked(r));
    if (route.web?.zone === "dmz") ctx.checked("spr.dmz.cert-binding");
    else if (route.internal) ctx.checked("spr.dmz.no-scp");
    return true;
  }
  raiseBroken(ctx, outcome.finding);
  return false;
}

/** "Testing from external Network can be done if an upgrade configuration has been done on the DMZ server." */
function checkExternalReady(ctx: StepContext, route: Route): void {
  const web = route.web;
  if (!web) return;
  const webVersion = installedVersion(web, SPR_WEB);
  const newestServer = hostsWith(ctx.lab, SPR_SERVER).map((h) => installedVersion(h, SPR_SERVER)!).sort(compareVersions).at(-1);
  if (webVersion && newestServer && compareVersions(webVersion, newestServer) < 0) {
    const e = web.record("spr-test", "spr:test.external-before-dmz-upgrade", { dmzWeb: webVersion, server: newestServer });
    ctx.raise({ rule: "spr.post.external", host: web.name, component: SPR_WEB, message: `External tests run against the DMZ web ${webVersion} while the Server is at ${newestServer}: they do not test the upgrade.`, evidence: [e.id] });
  } else ctx.checked("spr.post.external");
}

export function applyCheck(ctx: StepContext, result: CheckResult, tally: Tally, severity?: "broken"): void {
  for (const f of result.findings) ctx.raise(severity ? { severity, ...f } : f);
  for (const r of result.checked) ctx.checked(r);
  tally[result.findings.length === 0 ? "passed" : "failed"]++;
}

export async function checkClients(ctx: StepContext, tally: Tally): Promise<void> {
  for (const host of deploymentTargets(ctx.lab)) applyCheck(ctx, await checkClient(ctx.lab, host), tally);
}

const flowVerification = (name: UserFlow, description: string): Verification => ({
  name,
  description,
  run: async (ctx) => runFlows(ctx, [name], newTally(), { external: name !== "mobile" && name !== "helpdesk" && name !== "reporting" }),
});

/** The document's post-upgrade checks, each run for real on the current estate. */
export const SPR_VERIFICATIONS: readonly Verification[] = [
  flowVerification("enroll", "A test user enrolls from an internal client (and from outside when a DMZ web exists)."),
  flowVerification("reset", "A test user resets the password with the enrolled answers."),
  flowVerification("change", "A test user changes the password (old and new)."),
  flowVerification("mobile", "A test user resets the password with the mobile application."),
  flowVerification("helpdesk", "An elevated account reaches the Helpdesk page from the internal network."),
  flowVerification("reporting", "An elevated account reaches the Reporting page from the internal network."),
  {
    name: "flows",
    description: "Enrollment, reset, change (and mobile, if in use) from the internal network, and from outside when a DMZ web exists.",
    run: async (ctx) => runFlows(ctx, sprState(ctx.lab).central.mobileInUse ? USER_FLOWS : USER_FLOWS.slice(0, 3), newTally(), { external: true }),
  },
  {
    name: "scp",
    description: "An internal client finds the internal Web through the Service Connection Point.",
    run: async (ctx) => {
      const inside = internalRoute(ctx.lab);
      if (!inside.ok) return raiseBroken(ctx, inside.finding);
      if (inside.route.web?.zone === "dmz") {
        const e = inside.route.client.record("spr-client", "spr:client.scp-points-to-dmz", { web: inside.route.web.name });
        return raiseBroken(ctx, { rule: "spr.dmz.no-scp", host: inside.route.web.name, component: SPR_WEB, evidence: [e.id] });
      }
      ctx.checked("spr.web.scp");
      ctx.checked("spr.dmz.no-scp");
    },
  },
  { name: "client", description: "Every workstation of the deployment runs the deployed Client, which finds the Web and the user's status.", run: async (ctx) => checkClients(ctx, newTally()) },
  { name: "branding", description: "The corporate branding (logo, customisation) is still in place.", run: async (ctx) => applyCheck(ctx, checkBranding(ctx.lab), newTally()) },
  { name: "admin", description: "The Administration Tools open the central configuration.", run: async (ctx) => applyCheck(ctx, checkAdmin(ctx.lab), newTally()) },
  {
    name: "license",
    description: "The Server accepts the imported licence key for the users of its management level (a reset is tried).",
    run: async (ctx) => runFlows(ctx, ["reset"], newTally(), { external: false }),
  },
  { name: "components", description: "Every component is at the same (newest) version.", run: async (ctx) => applyCheck(ctx, checkAllComponents(ctx.lab), newTally()) },
];
