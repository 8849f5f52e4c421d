import { CORE_SCHEMA, load } from "js-yaml";
import { LineCounter, isNode, parseDocument, type Document } from "yaml";
import type { IssuePath, ScenarioIssue } from "./scenario-issue.ts";

/** A parsed YAML file that can say on which line a path sits. */
export interface YamlSource {
  readonly value: unknown;
  readonly syntaxIssues: readonly ScenarioIssue[];
  lineOf(path: IssuePath): number | undefined;
}

/**
 * Anchors and aliases: js-yaml shares an aliased node instead of copying it,
 * with no limit on how often, so such files go to `yaml`, which caps aliases.
 * ("R&D" in a string also matches: that file merely takes the slower path.)
 */
const MAY_HAVE_ALIASES = /[&*][^\s,\]}]/;
/** Scalars the two parsers type differently (js-yaml reads 0b101 as 5 and +.5 as text): `yaml` decides them. */
const DIFFERENT_SCALARS = /\b0b[01]|[-+]\.\d/;

/**
 * Reads a scenario file. Two YAML 1.2 parsers, each for what it does best:
 * js-yaml reads the value (a third of `yaml`'s time on a cold start: 0.16 s
 * against 0.56 s for the 153 catalog files, a tenth of `lab run`), and
 * `yaml` builds the document with its source ranges only when a line is
 * asked for (an invalid scenario) or js-yaml refuses the text, so syntax
 * errors keep `yaml`'s messages and lines.
 */
export function readYaml(text: string): YamlSource {
  if (!MAY_HAVE_ALIASES.test(text) && !DIFFERENT_SCALARS.test(text)) {
    let value: unknown;
    let parsed = false;
    try {
      // The core schema, as `yaml` uses: no timestamps, `2026-01-05` stays a string.
      // An empty file is null, as `yaml` reads it (js-yaml: undefined).
      value = load(text, { schema: CORE_SCHEMA }) ?? null;
      parsed = true;
    } catch {
      // `yaml` says what is wrong, and where.
    }
    if (parsed) {
      let document: LocatedDocument | undefined;
      return { value, syntaxIssues: [], lineOf: (path) => lineIn((document ??= locate(text)), path) };
    }
  }
  const document = locate(text);
  const { doc } = document;
  const syntaxIssues = doc.errors.map((e) => ({
    path: [],
    // Pretty errors append " at line L, column C:" and a source excerpt; the line is kept apart.
    message: `YAML syntax error: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
    ...(e.linePos ? { line: e.linePos[0].line } : {}),
  }));
  return {
    value: syntaxIssues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    syntaxIssues,
    lineOf: (path) => lineIn(document, path),
  };
}

interface LocatedDocument {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

function locate(text: string): LocatedDocument {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true }), lineCounter };
}

function lineIn({ doc, lineCounter }: LocatedDocument, path: IssuePath): number | undefined {
  // A missing key has no node: point at the nearest ancestor that exists.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    if (n === 0 && isNode(doc.contents) && doc.contents.range) return lineCounter.linePos(doc.contents.range[0]).line;
  }
  return undefined;
}
