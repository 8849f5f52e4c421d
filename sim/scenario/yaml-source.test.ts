import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { readYaml } from "./yaml-source.ts";

const SAMPLE = `name: sample
seed: 5
started: 2026-01-05
flags: [yes, no, true, ~, 0x1F, 3.20, "3.20"]
hosts:
  - name: DC01
    note: |
      two
      lines
`;

describe("readYaml", () => {
  it("reads the same value as yaml's own document (YAML 1.2 core: dates and yes/no stay text)", () => {
    const source = readYaml(SAMPLE);
    expect(source.syntaxIssues).toEqual([]);
    expect(source.value).toEqual(parseDocument(SAMPLE).toJS());
    expect((source.value as { started: unknown }).started).toBe("2026-01-05");
  });

  it("agrees with yaml where the two parsers differ: an empty file, binary-looking and dot-first numbers", () => {
    for (const text of ["", "a: 0b101\n", "a: +.5\n", "a: -.5e3\n", "a: 0o17\n", "a: 0x1f\n", "a: .inf\n", "a: 1_000\n"]) {
      expect(readYaml(text).value, JSON.stringify(text)).toEqual(parseDocument(text).toJS());
    }
  });

  it("still says on which line a path sits", () => {
    const source = readYaml(SAMPLE);
    expect(source.lineOf(["hosts", 0, "note"])).toBe(7);
    expect(source.lineOf(["hosts", 0, "missing"])).toBe(6);
    expect(source.lineOf(["seed"])).toBe(2);
  });

  it("reports a syntax error with yaml's message and line", () => {
    const source = readYaml("name: x\nseed: [1, 2\nplan: []\n");
    expect(source.value).toBeUndefined();
    expect(source.syntaxIssues).toHaveLength(1);
    expect(source.syntaxIssues[0]!.message).toMatch(/^YAML syntax error/);
    expect(source.syntaxIssues[0]!.line).toBeGreaterThan(1);
  });

  it("refuses an alias bomb (aliases go to the parser that caps them)", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    expect(() => readYaml(bomb)).toThrow(/alias/i);
  });

  it("resolves a harmless alias the same way", () => {
    const text = "base: &b { os: windows-server-2019 }\nother: *b\n";
    expect(readYaml(text).value).toEqual({ base: { os: "windows-server-2019" }, other: { os: "windows-server-2019" } });
  });
});
