import type { ParityCaseReport } from "./parity-runner.ts";

/** Agreement of one operation over many runs. */
export interface ParityTally {
  readonly label: string;
  steps: number;
  agree: number;
  known: number;
  differ: number;
  /** The in-memory outcome, with how often it came. */
  readonly outcomes: Map<string, number>;
}

/** Groups every step of the reports by operation (and acting account). */
export function tallyParity(reports: readonly ParityCaseReport[]): ParityTally[] {
  const byLabel = new Map<string, ParityTally>();
  for (const report of reports) {
    for (const step of report.steps) {
      let tally = byLabel.get(step.label);
      if (!tally) byLabel.set(step.label, (tally = { label: step.label, steps: 0, agree: 0, known: 0, differ: 0, outcomes: new Map() }));
      tally.steps++;
      if (step.knownDifference) tally.known++;
      else if (step.agree && step.stateAgree) tally.agree++;
      else tally.differ++;
      tally.outcomes.set(step.memory, (tally.outcomes.get(step.memory) ?? 0) + 1);
    }
  }
  return [...byLabel.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** The operations × agreement table `bench/parity.ts` prints. */
export function formatParityTable(tallies: readonly ParityTally[]): string {
  const rows = tallies.map((t) => [
    t.label,
    String(t.steps),
    String(t.agree),
    String(t.known),
    String(t.differ),
    [...t.outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o} ×${n}`).join(", "),
  ]);
  const header = ["operation", "steps", "agree", "known", "differ", "outcomes (in-memory)"];
  const total = tallies.reduce((acc, t) => [acc[0]! + t.steps, acc[1]! + t.agree, acc[2]! + t.known, acc[3]! + t.differ], [0, 0, 0, 0]);
  rows.push(["total", ...total.map(String), ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 5 ? 0 : r[i]!.length))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 5 ? c : i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w, i) => (i === 5 ? "-".repeat(20) : "-".repeat(w)))), ...rows.map(line)].join("\n");
}

/** Every step that broke an expectation, one line each, for a failing test's message. */
export function parityProblems(report: ParityCaseReport): string[] {
  return report.steps.flatMap((s) => s.problems.map((p) => `${report.id}[${s.index}] ${s.label} ${JSON.stringify(s.step)}: ${p}`));
}
