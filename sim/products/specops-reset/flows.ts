import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { FindingInput } from "../../product/index.ts";
import { mobileAttributeOn, unmigratedSettings } from "./client-policy.ts";
import { diagnoseBrowser, diagnoseReply } from "./diagnose.ts";
import { serverDirectory } from "./estate.ts";
import { sprState } from "./spr-state.ts";
import { elevatedUser, nextPassword, TEST_ANSWERS, testUser } from "./test-accounts.ts";
import { compareVersions, SPR_LATEST } from "./versions.ts";
import { readWebConfig } from "./web-config.ts";
import { parseWebReply, type WebReply } from "./web-reply.ts";

export type UserFlow = "enroll" | "reset" | "change" | "mobile" | "helpdesk" | "reporting";

/** Where a test runs from: a browser on `client`, at `url` (found by SCP inside, typed outside). */
export interface Route {
  readonly client: Host;
  readonly url: string;
  readonly web: Host | undefined;
  readonly internal: boolean;
}

export type FlowOutcome = { readonly ok: true } | { readonly ok: false; readonly finding: FindingInput };

/**
 * One post-upgrade test, for real: the browser on the client host posts
 * the page over https (name resolution, network, the client's trust in the
 * certificate), the Web asks the Server over the pinned channel, the Server
 * acts in AD as its service account. A failure is diagnosed where it happened.
 */
export async function runFlow(lab: Lab, flow: UserFlow, route: Route): Promise<FlowOutcome> {
  const user = flow === "helpdesk" || flow === "reporting" ? elevatedUser(lab) : testUser(lab);
  if (!user) return fail(lab, route, { rule: "spr.post.flows", message: `No ${flow === "helpdesk" || flow === "reporting" ? "elevated" : "test"} account in the scenario's domain to test ${flow} with.` });
  const test = testUser(lab);
  switch (flow) {
    case "enroll": {
      const attribute = route.internal ? mobileAttributeOn(lab, route.client) : "mobile";
      const mobile = lab.directory ? serverDirectory(lab, lab.directory).attribute(user.name, attribute) : undefined;
      return post(lab, route, "/enroll", { user: user.name, password: user.password(), answers: TEST_ANSWERS, ...(mobile ? { mobile } : {}) });
    }
    case "reset": {
      const pw = nextPassword(lab);
      return after(await post(lab, route, "/reset", { user: user.name, answers: TEST_ANSWERS, newPassword: pw }), () => sprState(lab).passwords.set(user.name.toLowerCase(), pw));
    }
    case "change": {
      const pw = nextPassword(lab);
      return after(await post(lab, route, "/change", { user: user.name, oldPassword: user.password(), newPassword: pw }), () => sprState(lab).passwords.set(user.name.toLowerCase(), pw));
    }
    case "mobile": {
      const state = sprState(lab);
      const pw = nextPassword(lab);
      if (state.passwordPolicy?.passphrases && compareVersions(state.mobileApp, SPR_LATEST) < 0) {
        const e = lab.trace.record({ host: "users", component: "spr-mobile-app", kind: "spr:mobile-app.passphrase-refused", data: { app: state.mobileApp, latest: SPR_LATEST, policy: state.passwordPolicy.version } });
        return { ok: false, finding: { rule: "spr.post.passphrase-mobile", component: "spr-mobile-app", message: `The mobile application ${state.mobileApp} refused the passphrase (Specops Password Policy ${state.passwordPolicy.version}); the latest is ${SPR_LATEST}.`, evidence: [e.id] } };
      }
      const outcome = await post(lab, route, "/mobile/reset", { user: user.name, newPassword: pw });
      if (!outcome.ok && outcome.finding.rule === "spr.post.flows" && /no mobile number/i.test(outcome.finding.message ?? "")) {
        const lost = unmigratedSettings(lab, route.client);
        if (lost.length > 0) return { ok: false, finding: { ...outcome.finding, rule: "spr.client.admx-migrate", severity: "broken", message: `${outcome.finding.message} — the Client on ${route.client.name} ignores the 6.3 template's ${lost.join(", ")}.` } };
      }
      return after(outcome, () => state.passwords.set(user.name.toLowerCase(), pw));
    }
    case "helpdesk":
      return post(lab, route, "/helpdesk", { actor: user.name, actorPassword: user.password(), user: test?.name ?? user.name });
    case "reporting":
      return post(lab, route, "/reporting", { actor: user.name, actorPassword: user.password() });
  }
}

async function post(lab: Lab, route: Route, page: string, form: Record<string, string>): Promise<FlowOutcome> {
  const result = await lab.web.request(route.client.name, `${route.url}${page}`, { method: "POST", form });
  if (!result.ok) return { ok: false, finding: diagnoseBrowser(lab, result, page, route.web, route.internal) };
  const reply: WebReply | undefined = parseWebReply(result.response.body);
  if (!reply) return fail(lab, route, { rule: "spr.web.role", message: `${page} answered something that is not the Specops Web's reply` });
  if (reply.ok) return { ok: true };
  const resetServer = route.web ? readWebConfig(route.web.fs)?.resetServer : undefined;
  return { ok: false, finding: diagnoseReply(lab, reply, route.web, resetServer) };
}

function after(outcome: FlowOutcome, onOk: () => void): FlowOutcome {
  if (outcome.ok) onOk();
  return outcome;
}

function fail(lab: Lab, route: Route, finding: FindingInput): FlowOutcome {
  const e = lab.trace.record({ host: route.client.name, component: "spr-test", kind: "spr:test.failed", data: { rule: finding.rule } });
  return { ok: false, finding: { ...finding, evidence: [e.id] } };
}
