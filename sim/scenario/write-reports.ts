import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FaultDefinition } from "../kernel/index.ts";
import { LabError } from "../kernel/index.ts";
import { toHtmlReport } from "./report-html.ts";
import { toJsonReport, type ToolInfo } from "./report-json.ts";
import { toJunitXml } from "./report-junit.ts";
import { reportJsonSchema } from "./report-schema.ts";
import type { ScenarioResult } from "./scenario-result.ts";

export const REPORTERS = ["junit", "json", "html"] as const;
export type Reporter = (typeof REPORTERS)[number];

/** Report file names inside the output directory. */
export const REPORT_FILES = { junit: "junit.xml", json: "lab-report.json", jsonSchema: "lab-report.schema.json", html: "lab-report.html" } as const;

/** Parses `junit,json,html` (any subset, any order). */
export function parseReporters(text: string): Reporter[] {
  const names = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  if (bad.length > 0) throw new LabError({ code: "BAD_ARGUMENT", message: `--reporter ${text}: unknown reporter ${bad.join(", ")}; known: ${REPORTERS.join(", ")}` });
  return [...new Set(names)] as Reporter[];
}

export interface WriteReportsOptions {
  readonly dir: string;
  readonly reporters: readonly Reporter[];
  readonly tool: ToolInfo;
  readonly faultCatalog?: ReadonlyMap<string, FaultDefinition>;
  readonly title?: string;
  readonly htmlAppendix?: string;
}

/** Writes the chosen reports (the JSON one with its schema beside it); returns the paths written. */
export function writeReports(results: readonly ScenarioResult[], options: WriteReportsOptions): string[] {
  if (options.reporters.length === 0) return [];
  mkdirSync(options.dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(options.dir, name);
    writeFileSync(path, text);
    written.push(path);
  };
  for (const reporter of options.reporters) {
    if (reporter === "junit") write(REPORT_FILES.junit, toJunitXml(results));
    if (reporter === "json") {
      write(REPORT_FILES.json, `${JSON.stringify(toJsonReport(results, options.tool), null, 2)}\n`);
      write(REPORT_FILES.jsonSchema, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    }
    if (reporter === "html") {
      write(REPORT_FILES.html, toHtmlReport(results, {
          ...(options.title ? { title: options.title } : {}),
          ...(options.faultCatalog ? { faultCatalog: options.faultCatalog } : {}),
          ...(options.htmlAppendix ? { appendix: options.htmlAppendix } : {}),
        }));
    }
  }
  return written;
}
