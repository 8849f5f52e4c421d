import { LineCounter, isNode, parseDocument, type Document } from "yaml";
import type { IssuePath, ScenarioIssue } from "./scenario-issue.ts";

/** A parsed YAML file that can say on which line a path sits. */
export interface YamlSource {
  readonly value: unknown;
  readonly syntaxIssues: readonly ScenarioIssue[];
  lineOf(path: IssuePath): number | undefined;
}

export function readYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntaxIssues = doc.errors.map((e) => ({
    path: [],
    // Pretty errors append " at line L, column C:" and a source excerpt; the line is kept apart.
    message: `YAML syntax error: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
    ...(e.linePos ? { line: e.linePos[0].line } : {}),
  }));
  return {
    value: syntaxIssues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    syntaxIssues,
    lineOf(path) {
      // A missing key has no node: point at the nearest ancestor that exists.
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
        if (n === 0 && isNode(doc.contents) && doc.contents.range) return lineCounter.linePos(doc.contents.range[0]).line;
      }
      return undefined;
    },
  };
}
