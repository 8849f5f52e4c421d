/** The command that reruns one scenario at one seed, exactly. */
export function replayCommand(scenario: { name: string; file?: string }, seed: number): string {
  const target = scenario.file ?? scenario.name;
  return `npx lab run ${/[\s"'$`\\]/.test(target) ? JSON.stringify(target) : target} --seed ${seed}`;
}
