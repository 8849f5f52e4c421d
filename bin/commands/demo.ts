import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { LabError } from "../../sim/kernel/index.ts";
import {
  faultLines,
  narrate,
  parseInteger,
  remediedScenario,
  runScenario,
  selectScenarios,
  toJsonResult,
  type NarrationSection,
  type ProductRegistry,
  type ScenarioResult,
} from "../../sim/scenario/index.ts";
import { DEFAULT_HOST, DEFAULT_PORT, estateStory, estateText, type EstateView } from "../../web/index.ts";
import { EXIT } from "../cli-io.ts";
import { catalogDir, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";
import { parsePort, serveDashboard, type ServeHooks } from "./serve.ts";

/** Time to read a section before the next appears: a base, plus a little per line. */
const PAUSE_BASE_MS = 700;
const PAUSE_PER_LINE_MS = 120;
const PAUSE_MAX_MS = 2500;

type Colors = ReturnType<typeof pc.createColors>;

interface DemoFlags {
  seed?: string;
  pause: boolean;
  catalog?: string;
  open?: boolean;
  port: string;
}

export function registerDemo(program: Command, env: CommandEnv, hooks: ServeHooks = {}): void {
  program
    .command("demo")
    .description("narrate one scenario for an audience: the estate, each step, what broke and why, the remedy; then the remedied run")
    .argument("<scenario>", "a scenario name of the catalog, or a .yaml path")
    .option("--seed <n>", "run at this seed instead of the scenario's own")
    .option("--no-pause", "do not pause between sections (pauses happen only on a terminal anyway)")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .option("--open", "then serve the dashboard at this scenario, print its address, and open a browser when one is available")
    .option("--port <n>", "the dashboard's port, with --open (0 = any free port)", String(DEFAULT_PORT))
    .action(async (target: string, flags: DemoFlags) => {
      const { io } = env;
      const c = pc.createColors(Boolean(io.stdout.isTTY));
      const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, "--seed");
      const port = parsePort(flags.port);
      const registry = await loadRegistry(io);
      const dir = catalogDir(io, flags.catalog);
      const isPath = existsSync(resolve(io.cwd, target));
      const catalog = isPath ? [] : openCatalog(io, registry, dir).scenarios;
      const [scenario, ...more] = selectScenarios([target], catalog, registry, io.cwd);
      if (!scenario || more.length > 0) throw new LabError({ code: "BAD_ARGUMENT", message: `demo ${target}: name exactly one scenario` });

      const result = await runScenario(scenario, { registry, ...(seed !== undefined ? { seed } : {}) });
      const remedied = remediedScenario(scenario);
      const remedyResult = remedied ? await runScenario(remedied, { registry, variant: "remedy", ...(seed !== undefined ? { seed } : {}) }) : undefined;
      const story = narrate(result, registry, remedyResult ? { result: remedyResult, ...(scenario.remedy?.description ? { description: scenario.remedy.description } : {}) } : undefined);

      const sections = [intro(result, registry), ...story.slice(1, remedyResult ? -1 : undefined), after(result, "The estate after the run")];
      if (remedyResult) sections.push(story.at(-1)!, after(remedyResult, "The estate after the remedied run"));
      const pause = flags.pause && Boolean(io.stdout.isTTY);
      for (const [i, section] of sections.entries()) {
        if (i > 0 && pause) await io.sleep(readingTime(sections[i - 1]!));
        io.stdout.write(`${i > 0 ? "\n" : ""}${c.bold(c.underline(section.title))}\n${section.lines.map((l) => `  ${paint(l, c)}`).join("\n")}\n`);
      }
      const ok = result.status === "passed" && (remedyResult === undefined || remedyResult.status === "passed");
      env.setExit(ok ? EXIT.ok : EXIT.broken);

      if (flags.open) {
        io.stdout.write("\n");
        await serveDashboard(
          env,
          {
            registry,
            catalogDir: dir,
            reportsDir: resolve(io.cwd, "reports"),
            host: DEFAULT_HOST,
            port,
            open: true,
            ...(isPath ? { extraScenarios: [scenario] } : {}),
            at: (server) => server.scenarioUrl(scenario.name, seed !== undefined ? { seed } : {}),
          },
          hooks,
        );
      }
    });
}

function readingTime(section: NarrationSection): number {
  return Math.min(PAUSE_MAX_MS, PAUSE_BASE_MS + PAUSE_PER_LINE_MS * section.lines.length);
}

/** The scenario, the estate it starts from (by zone, with versions), the faults turned on, and how to replay it. */
function intro(r: ScenarioResult, registry: ProductRegistry): NarrationSection {
  const product = registry.product(r.scenario.product);
  const faults = faultLines(r, registry);
  return {
    title: `Scenario ${r.scenario.name} (${product?.title ?? r.scenario.product})`,
    lines: [
      ...(r.scenario.description ? [r.scenario.description] : []),
      "The estate before:",
      ...estateText(estateStory(toJsonResult(r)).before).map((l) => `  ${l}`),
      ...(faults.length ? ["Faults turned on:", ...faults] : ["No fault is turned on."]),
      `Seed ${r.seed}; replay with: ${r.replay}`,
    ],
  };
}

/**
 * How the estate ends. With the estate snapshot in the report, its hosts and
 * versions and what changed; without (lab-report v1), each host with what
 * was found on it.
 */
function after(r: ScenarioResult, title: string): NarrationSection {
  const ends = `It ends ${(r.final ?? "undetermined").toUpperCase()}.`;
  const story = estateStory(toJsonResult(r));
  if (story.after) {
    return { title, lines: [ends, ...estateText(story.after).map((l) => `  ${l}`), ...(story.changes.length ? ["What changed:", ...story.changes.map((l) => `  ${l}`)] : ["Nothing changed."])] };
  }
  return { title, lines: [ends, ...hostOutcomes(story.before, r)] };
}

function hostOutcomes(view: EstateView, r: ScenarioResult): string[] {
  return view.zones.flatMap((z) =>
    z.hosts.map((h) => {
      const found = r.findings.filter((f) => f.host === h.name).map((f) => `${f.severity.toUpperCase()} ${f.rule}`);
      return `  ${h.name} (${z.zone}): ${found.length ? [...new Set(found)].join(", ") : "no finding"}`;
    }),
  );
}

/** Colour by what a line is: a finding by severity, the why, the remedy, the evidence, the outcome. */
function paint(line: string, c: Colors): string {
  const severity = /^(\s*)(BROKEN|BLOCKED|WARNING|INFO)\b(.*)$/.exec(line);
  if (severity) {
    const [, indent = "", word = "", rest = ""] = severity;
    const colour = word === "WARNING" ? c.yellow : word === "INFO" ? c.blue : c.red;
    return `${indent}${c.bold(colour(word))}${rest}`;
  }
  if (/^\s*Remedy:/.test(line)) return c.green(line);
  if (/^\s*Why:/.test(line)) return c.cyan(line);
  if (/^\s*(The trace shows|Lab inference:|Seed \d|-+\s)/.test(line)) return c.dim(line);
  if (/^It ends HEALTHY|the remedy holds|^Nothing went wrong here|^Every (expectation held|check passed)/.test(line)) return c.green(line);
  if (/^It ends (BROKEN|DEGRADED)|^The remedy does not hold|^(missing|unexpected|must be absent|final):/.test(line)) return c.red(line);
  return line;
}
