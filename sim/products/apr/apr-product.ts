import type { FaultDefinition } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import type { FinalState, ProductModule, StepContext } from "../../product/index.ts";
import { APR_CLIENT, APR_LATEST, APR_SERVER, APR_VERSIONS, APR_WEB, PPE, PPE_VERSIONS } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { APR_PRODUCT_ID, APR_RULES, APR_SEED_FILE } from "./rules.ts";
import { knownServiceCredentials } from "./known-credentials.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { seedInstalled } from "./seed-installed.ts";
import { APR_VERBS } from "./verbs.ts";
import { APR_VERIFICATIONS, verifyClients, verifyCustomisations, verifyDataConsole, verifyFlows, verifyLicences } from "./verifications.ts";
import { webTargets } from "./web-targets.ts";

export const APR_FAULTS: readonly FaultDefinition[] = [
  {
    name: "third-party-firewall",
    description: "The APR Server host runs a host-based firewall other than Windows Firewall.",
    mechanism: "A filter in front of the APR Server's socket drops every datagram to UDP 5100 until the port is opened in it (verb open-port).",
    params: { host: { default: "APR01", description: "the APR Server's host" } },
    trips: ["apr.net.other-firewall"],
  },
  {
    name: "clock-skew",
    description: "A host's clock is off.",
    mechanism: "The host stamps (or checks) request timestamps with its own skewed time; beyond 30 s the server refuses requests as expired.",
    params: { host: { default: "WEB01", description: "the host whose clock is off" }, seconds: { default: 120, description: "how far off, in seconds (negative: behind)" } },
    trips: ["apr.server.role.wire"],
  },
];

async function applyFaults(lab: Lab): Promise<void> {
  const world = AprWorld.of(lab);
  const fw = lab.faults.get("third-party-firewall");
  if (fw) world.otherFirewalls.set(world.key(String(fw.params.host)), { open: false });
  const skew = lab.faults.get("clock-skew");
  if (skew) world.clockSkewMs.set(world.key(String(skew.params.host)), Number(skew.params.seconds) * 1000);
}

/**
 * The final judgement: the document's browser test (Enroll, Reset, Change)
 * through every Web Interface from a host of the right zone, every Client's
 * rendering, and the Data Console where V2 data was imported. All work:
 * healthy; some: degraded; none (or no Web Interface at all): broken.
 * Where the document asks for more, it is looked at too, as warnings that do
 * not stop Password Reset working today: a perpetual licence key of the old
 * version kept after an upgrade (an evaluation that will expire), and
 * customised Web Interface files the upgrade overwrote.
 */
async function judgeFinal(ctx: StepContext): Promise<FinalState> {
  // No Web Interface at all: Password Reset is not available (Setup refused, or nothing was installed).
  if (webTargets(ctx.lab).length === 0) return "broken";
  const flows = await verifyFlows(ctx, ["enroll", "reset", "change"]);
  const units = flows.map((f) => f.ok);
  units.push(...(await verifyClients(ctx)));
  if (AprWorld.of(ctx.lab).v2Baseline.size > 0) units.push(...verifyDataConsole(ctx));
  verifyLicences(ctx, "kept-keys");
  verifyCustomisations(ctx);
  if (units.every(Boolean)) return "healthy";
  return flows.some((f) => f.ok) ? "degraded" : "broken";
}

export const aprProduct: ProductModule = {
  id: APR_PRODUCT_ID,
  title: "Netwrix (ANIXIS) Password Reset 3.23",
  seedFile: APR_SEED_FILE,
  rules: APR_RULES,
  components: [
    { id: APR_SERVER, name: "Netwrix Password Reset Server", versions: APR_VERSIONS, latest: APR_LATEST, latestIsLabChoice: "2.9 stands for the 2.x line and 3.0/3.22 for the 3.x line before 3.23" },
    { id: APR_WEB, name: "Netwrix Password Reset Web Interface", versions: APR_VERSIONS, latest: APR_LATEST },
    { id: APR_CLIENT, name: "Netwrix Password Reset Client", versions: APR_VERSIONS, latest: APR_LATEST },
    { id: PPE, name: "Password Policy Enforcer (for APR's PPE integration)", versions: PPE_VERSIONS, latest: "8.0", latestIsLabChoice: "only the 7.0 boundary matters to APR" },
  ],
  verbs: APR_VERBS,
  verifications: APR_VERIFICATIONS,
  faults: APR_FAULTS,
  seedInstalled,
  applyFaults,
  planUpgrade: (lab) => planUpgrade(lab, { credentials: knownServiceCredentials(lab) }),
  judgeFinal,
};
