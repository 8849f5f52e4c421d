import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from "../ad/index.ts";
import { isLabError } from "../kernel/index.ts";
import type { DirectoryAdmin } from "./directory-admin.ts";
import type { ParityCase, ParityStep, ParityUser, ScriptedStep } from "./parity-case.ts";
import type { ParityNames } from "./parity-names.ts";
import { describeOutcome, describeUserState, outcomesAgree, type StepOutcome } from "./parity-outcome.ts";
import { STAGE_ACTORS, type StageDns } from "./parity-stage.ts";

/** One directory as the parity runner drives it. */
export interface ParitySide {
  readonly admin: DirectoryAdmin;
  readonly stage: StageDns;
  readonly domain: { readonly dnsName: string; readonly netbiosName: string };
}

export interface ParityStepRecord {
  readonly index: number;
  readonly step: ParityStep;
  /** The operation, as the table groups it: "resetPassword as helpdesk". */
  readonly label: string;
  readonly memory: string;
  readonly samba: string;
  readonly agree: boolean;
  /** The touched user's state after the step, when the step names one. */
  readonly memoryState?: string;
  readonly sambaState?: string;
  readonly stateAgree: boolean;
  readonly knownDifference?: string;
  /** Broken expectations of a scripted step (empty when it has none or all hold). */
  readonly problems: readonly string[];
}

export interface ParityCaseReport {
  readonly id: string;
  readonly title: string;
  readonly prefix: string;
  readonly steps: readonly ParityStepRecord[];
  /** Every step agreed (or differed exactly as its known difference says) and met its expectations. */
  readonly passed: boolean;
}

/**
 * Runs one case on both sides, step by step: the case's policy and users
 * first, then each step on the in-memory side and on Samba, comparing the
 * outcomes and the touched user's state after it.
 */
export async function runParityCase(parityCase: ParityCase, sides: { memory: ParitySide; samba: ParitySide }, names: ParityNames): Promise<ParityCaseReport> {
  await Promise.all([prepare(sides.memory, parityCase, names), prepare(sides.samba, parityCase, names)]);
  const records: ParityStepRecord[] = [];
  for (const [index, step] of parityCase.steps.entries()) {
    // One side at a time: the DC's time keeps running while the other side works.
    const memory = await execute(sides.memory, step, names, parityCase.setup.users);
    const samba = await execute(sides.samba, step, names, parityCase.setup.users);
    const user = "user" in step && step.op !== "findUser" ? step.user : undefined;
    const memoryState = user === undefined ? undefined : describeUserState(await sides.memory.admin.service.findUser(names.real(user)));
    const sambaState = user === undefined ? undefined : describeUserState(await sides.samba.admin.service.findUser(names.real(user)));
    records.push(record(index, step, memory, samba, memoryState, sambaState));
  }
  return { id: parityCase.id, title: parityCase.title, prefix: names.prefix, steps: records, passed: records.every((r) => r.problems.length === 0) };
}

async function prepare(side: ParitySide, parityCase: ParityCase, names: ParityNames): Promise<void> {
  const { setup } = parityCase;
  await side.admin.setPolicies({ ...DEFAULT_PASSWORD_POLICY, ...setup.passwordPolicy }, { ...DEFAULT_LOCKOUT_POLICY, ...setup.lockoutPolicy });
  for (const user of setup.users) {
    await side.admin.createUser({
      samAccountName: names.real(user.name),
      ouDn: side.stage[user.ou ?? "Staff"],
      password: names.password(user.password, user.name),
      // The prefix keeps the CN unique on the shared DC; at 2-6 characters it is no password's token.
      ...(user.displayName === undefined ? {} : { displayName: `${user.displayName} ${names.prefix}` }),
      mustChangePassword: user.mustChange === true,
      enabled: user.enabled ?? true,
      passwordNeverExpires: user.passwordNeverExpires === true,
    });
  }
  for (const [group, member] of setup.memberships ?? []) await side.admin.addToGroup(names.real(group), names.real(member));
}

async function execute(side: ParitySide, step: ParityStep, names: ParityNames, users: readonly ParityUser[]): Promise<StepOutcome> {
  const service = side.admin.service;
  try {
    switch (step.op) {
      case "checkPassword":
        return { kind: "result", result: await service.checkPassword(names.real(step.user), names.password(step.password, step.user)) };
      case "resetPassword":
        return {
          kind: "result",
          result: await service.resetPassword(names.real(step.actor), names.real(step.user), names.password(step.password, step.user), { mustChange: step.mustChange === true, unlock: step.unlock === true }),
        };
      case "changePassword":
        return { kind: "result", result: await service.changePassword(names.real(step.user), names.password(step.oldPassword, step.user), names.password(step.newPassword, step.user)) };
      case "unlock":
        return { kind: "result", result: await service.unlock(names.real(step.actor), names.real(step.user)) };
      case "canResetPassword":
        return { kind: "boolean", value: await service.canResetPassword(names.real(step.actor), names.real(step.user)) };
      case "isMemberOf":
        return { kind: "boolean", value: await service.isMemberOf(names.real(step.user), names.real(step.group)) };
      case "findUser":
        return { kind: "user", user: await service.findUser(nameInForm(side, step.user, step.form, names, users)) };
      case "policies":
        return { kind: "policies", password: await service.passwordPolicy(), lockout: await service.lockoutPolicy() };
      case "setEnabled":
        await side.admin.setAccountEnabled(names.real(step.user), step.enabled);
        return { kind: "done" };
      case "elapse":
        await side.admin.elapse(step.ms);
        return { kind: "done" };
    }
  } catch (error) {
    if (isLabError(error)) return { kind: "thrown", code: error.code, message: error.message };
    throw error;
  }
}

function nameInForm(side: ParitySide, user: string, form: "sam" | "upn" | "netbios" | "dns" | "dn" | "foreign", names: ParityNames, users: readonly ParityUser[]): string {
  const sam = names.real(user);
  switch (form) {
    case "sam":
      return sam;
    case "upn":
      return `${sam}@${side.domain.dnsName}`;
    case "netbios":
      return `${side.domain.netbiosName}\\${sam}`;
    case "dns":
      return `${side.domain.dnsName}\\${sam}`;
    case "foreign":
      return `OTHERDOM\\${sam}`;
    case "dn": {
      const spec = users.find((u) => u.name === user);
      const parent = spec ? side.stage[spec.ou ?? "Staff"] : (STAGE_ACTORS as readonly string[]).includes(user) ? side.stage.Users : side.stage.Staff;
      return `CN=${spec?.displayName === undefined ? sam : `${spec.displayName} ${names.prefix}`},${parent}`;
    }
  }
}

function record(index: number, step: ScriptedStep, memory: StepOutcome, samba: StepOutcome, memoryState: string | undefined, sambaState: string | undefined): ParityStepRecord {
  const agree = outcomesAgree(memory, samba);
  const stateAgree = memoryState === sambaState;
  const memoryText = describeOutcome(memory);
  const sambaText = describeOutcome(samba);
  const problems: string[] = [];
  if (step.knownDifference) {
    if (agree) problems.push(`known difference ${step.knownDifference} is gone: both gave ${memoryText}`);
    if (step.expectSamba !== undefined && sambaText !== step.expectSamba) problems.push(`Samba gave ${sambaText}, the known difference says ${step.expectSamba}`);
  } else {
    if (!agree) problems.push(`outcomes differ: in-memory ${memoryText}, Samba ${sambaText}`);
    if (!stateAgree) problems.push(`account state differs: in-memory ${memoryState}, Samba ${sambaState}`);
  }
  if (step.expect !== undefined && memoryText !== step.expect) problems.push(`in-memory gave ${memoryText}, expected ${step.expect}`);
  return {
    index,
    step: stripExpectations(step),
    label: labelOf(step),
    memory: memoryText,
    samba: sambaText,
    agree,
    ...(memoryState === undefined ? {} : { memoryState }),
    ...(sambaState === undefined ? {} : { sambaState }),
    stateAgree,
    ...(step.knownDifference === undefined ? {} : { knownDifference: step.knownDifference }),
    problems,
  };
}

function stripExpectations(step: ScriptedStep): ParityStep {
  const { expect: _expect, knownDifference: _known, expectSamba: _samba, ...plain } = step;
  return plain as ParityStep;
}

/** How the report groups steps: the operation, and for acting operations who acts. */
export function labelOf(step: ParityStep): string {
  switch (step.op) {
    case "resetPassword":
      return `resetPassword as ${step.actor}${step.mustChange ? " +mustChange" : ""}${step.unlock ? " +unlock" : ""}`;
    case "unlock":
    case "canResetPassword":
      return `${step.op} as ${step.actor}`;
    case "findUser":
      return `findUser by ${step.form}`;
    default:
      return step.op;
  }
}
