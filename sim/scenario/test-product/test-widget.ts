import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { defineRule, type ProductModule, type StepContext, type VerbDef } from "../../product/index.ts";

/**
 * A product that exists only for the scenario layer's tests: one component,
 * an install that checks the host OS, a verb that breaks it, a ping check and
 * a fault that makes pings go unanswered. Small enough to reason about by hand.
 */

const PRODUCT = "test-widget";
const SOURCE_FILE = "test-widget.txt";
const SUPPORTED_OS = ["windows-server-2016", "windows-server-2019", "windows-server-2022"];

interface WidgetState {
  readonly installed: Map<string, { version: string; broken: boolean }>;
}

/** Programs and Features on the host: what the estate snapshot reads. */
function recordInstalled(lab: Lab, host: string, version: string): void {
  lab.host(host).products.add({ productCode: "{7E57-W1D6-E7}", name: "Test Widget", version, arch: "x64", installFolder: "C:\\Program Files\\Widget", component: "widget" });
}

const stateOf = (lab: Lab): WidgetState => lab.state("test-widget", () => ({ installed: new Map() }));

const rules = [
  defineRule({
    id: "test.req.os",
    product: PRODUCT,
    kind: "prereq",
    source: { file: SOURCE_FILE, section: "Requirements" },
    statement: "The widget runs on Windows Server 2016 or later.",
    message: "the widget cannot be installed on this operating system",
    remedy: "Install the widget on a host running Windows Server 2016 or later.",
    severity: "blocked",
  }),
  defineRule({
    id: "test.runtime.ping",
    product: PRODUCT,
    kind: "runtime",
    source: { file: SOURCE_FILE, section: "Operation" },
    statement: "An installed widget answers a ping.",
    message: "the widget did not answer a ping",
    remedy: "Restart the widget, then ping it again.",
    severity: "broken",
    inference: "The document does not say what a silent widget means; the lab treats it as broken.",
  }),
  defineRule({
    id: "test.plan.notes",
    product: PRODUCT,
    kind: "advisory",
    source: { file: SOURCE_FILE, section: "Planning" },
    statement: "Read the release notes before upgrading.",
    message: "read the release notes",
    remedy: "Read the release notes.",
    severity: "info",
    advisory: { reason: "reading a document cannot be simulated" },
  }),
];

const installArgs = z.strictObject({ host: z.string(), version: z.string() });
const install: VerbDef<z.infer<typeof installArgs>> = {
  name: "install",
  description: "Installs the widget on a host (needs Windows Server 2016 or later).",
  args: installArgs,
  refs: (a) => ({ hosts: [a.host], components: [{ id: "widget", version: a.version }] }),
  async run(ctx, args) {
    const host = ctx.lab.spec.hosts.find((h) => h.name === args.host)!;
    const check = ctx.lab.trace.record({ host: args.host, component: "widget-setup", kind: "prereq.os", data: { os: host.os, supported: SUPPORTED_OS.includes(host.os) } });
    if (!SUPPORTED_OS.includes(host.os)) {
      ctx.raise({ rule: "test.req.os", host: args.host, component: "widget", evidence: [check.id] });
      return;
    }
    ctx.checked("test.req.os");
    stateOf(ctx.lab).installed.set(args.host, { version: args.version, broken: false });
    recordInstalled(ctx.lab, args.host, args.version);
    ctx.lab.trace.record({ host: args.host, component: "widget", kind: "widget.install", data: { version: args.version } });
  },
};

const breakArgs = z.strictObject({ host: z.string() });
const breakVerb: VerbDef<z.infer<typeof breakArgs>> = {
  name: "break",
  description: "Stops the widget on a host so that it no longer answers.",
  args: breakArgs,
  refs: (a) => ({ hosts: [a.host] }),
  async run(ctx, args) {
    const widget = stateOf(ctx.lab).installed.get(args.host);
    if (!widget) throw new LabError({ code: "WIDGET_NOT_INSTALLED", message: `no widget on ${args.host} to break`, remedy: "Install it first." });
    widget.broken = true;
    const event = ctx.lab.trace.record({ host: args.host, component: "widget", kind: "widget.stop", data: {} });
    ctx.raise({ rule: "test.runtime.ping", host: args.host, component: "widget", evidence: [event.id] });
  },
};

/** Pings every installed widget; the answer is lost when broken or when the fault's dice say so. */
async function ping(ctx: StepContext): Promise<boolean> {
  let allAnswered = true;
  for (const [host, widget] of stateOf(ctx.lab).installed) {
    const answered = !widget.broken && !ctx.lab.faults.roll("widget-deaf");
    const event = ctx.lab.trace.record({ host, component: "widget", kind: "widget.ping", data: { answered } });
    if (answered) ctx.checked("test.runtime.ping");
    else {
      allAnswered = false;
      ctx.raise({ rule: "test.runtime.ping", host, component: "widget", evidence: [event.id] });
    }
  }
  return allAnswered;
}

export const testWidget: ProductModule = {
  id: PRODUCT,
  title: "Test Widget (test-only)",
  seedFile: SOURCE_FILE,
  rules,
  components: [{ id: "widget", name: "Widget", versions: ["1.0", "1.1", "2.0"], latest: "2.0" }],
  verbs: [install, breakVerb],
  verifications: [{ name: "ping", description: "Every installed widget answers a ping.", run: async (ctx) => void (await ping(ctx)) }],
  faults: [
    {
      name: "widget-deaf",
      description: "Widgets miss pings.",
      mechanism: "Each ping is lost with the given probability (drawn from the lab's fault stream).",
      params: { probability: { default: 1, description: "chance that one ping goes unanswered" } },
      trips: ["test.runtime.ping"],
    },
  ],
  async seedInstalled(lab, host, component, version) {
    stateOf(lab).installed.set(host, { version, broken: false });
    recordInstalled(lab, host, version);
    lab.trace.record({ host, component, kind: "widget.seeded", data: { version } });
  },
  async judgeFinal(ctx) {
    if (stateOf(ctx.lab).installed.size === 0) return "degraded";
    return (await ping(ctx)) ? "healthy" : "broken";
  },
};
