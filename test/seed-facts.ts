import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface SeedFact {
  readonly id: string;
  readonly kind: string;
  readonly statement: string;
  readonly section: string;
  readonly file: string;
}

/** ../shared/seeds/facts.md beside the checkout (as CI places it). */
export const FACTS_PATH = fileURLToPath(new URL("../../shared/seeds/facts.md", import.meta.url));

/** Every fact row of facts.md, with the seed file of the heading it sits under. */
export function readSeedFacts(path: string = FACTS_PATH): SeedFact[] {
  if (!existsSync(path)) return [];
  const facts: SeedFact[] = [];
  let file = "";
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const heading = /^## (\S+\.txt)/.exec(line);
    if (heading) file = heading[1]!;
    const row = /^\| ((?:apr|spr|sps)\.[a-z0-9.-]+) \| (\w+) \| (.*) \| (.*) \|$/.exec(line);
    if (row) facts.push({ id: row[1]!, kind: row[2]!, statement: row[3]!, section: row[4]!, file });
  }
  return facts;
}
