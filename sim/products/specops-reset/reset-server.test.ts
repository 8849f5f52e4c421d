import { describe, expect, it } from "vitest";
import { createContext } from "../../kernel/index.ts";
import { hashAnswers, newCentralConfig } from "./central-config.ts";
import { handleServerOp, type ServerContext } from "./reset-server.ts";
import type { ServerDirectory } from "./server-directory.ts";

function directory(options: { users?: number; rightsFor?: string[] } = {}): ServerDirectory & { resets: string[] } {
  const resets: string[] = [];
  return {
    resets,
    authenticate: (user, password) => (password === `${user}-pw` ? { ok: true } : { ok: false, code: "INVALID_CREDENTIALS", message: "52e" }),
    resetPassword: (actor, user) => {
      if (!(options.rightsFor ?? ["alice"]).includes(user)) return { ok: false, code: "INSUFFICIENT_RIGHTS", message: "Reset Password" };
      resets.push(`${actor}:${user}`);
      return { ok: true };
    },
    isMemberOf: (user, group) => user === "hd" && group === "Domain Admins",
    countUsersUnder: () => options.users ?? 10,
    attribute: () => undefined,
  };
}

function server(overrides: Partial<ServerContext> = {}, dir = directory()): ServerContext {
  const central = newCentralConfig();
  central.stamp = "8.0";
  central.licence = { generation: "current", users: 100 };
  central.enrollments.set("alice", { answersHash: hashAnswers("alice", ["a", "b"]) });
  return { host: "SPR01", version: "8.0", serviceAccount: "svc-spr", managementLevel: "OU=Staff,DC=corp,DC=example", central, directory: dir, trace: createContext(1).trace, elevatedGroups: ["Domain Admins"], ...overrides };
}

const reset = { op: "reset", user: "alice", answers: ["a", "b"], newPassword: "New#2026pw" } as const;

describe("the Server's answer to a Web", () => {
  it("resets as its service account when the answers match", () => {
    const dir = directory();
    expect(handleServerOp(server({}, dir), "8.0", reset)).toEqual({ ok: true });
    expect(dir.resets).toEqual(["svc-spr:alice"]);
    expect(handleServerOp(server(), "8.0", { ...reset, answers: ["a", "x"] })).toMatchObject({ ok: false, code: "wrong-answers" });
  });

  it("refuses a Web newer than itself, and serves an older one", () => {
    expect(handleServerOp(server({ version: "7.0" }), "8.0", reset)).toMatchObject({ ok: false, code: "version", rule: "spr.server.role.version" });
    const older = server({ version: "8.0" });
    expect(handleServerOp(older, "7.0", reset)).toEqual({ ok: true });
  });

  it("cannot read a configuration stamped by a newer version", () => {
    const s = server({ version: "7.0" });
    s.central.stamp = "8.0";
    expect(handleServerOp(s, "7.0", reset)).toMatchObject({ ok: false, code: "config", rule: "spr.server.role.config" });
    s.central.stamp = "7.0";
    expect(handleServerOp(s, "7.0", reset)).toEqual({ ok: true });
  });

  it("counts licences in the management level: more enabled users than licensed refuses, as many passes", () => {
    expect(handleServerOp(server({}, directory({ users: 101 })), "8.0", reset)).toMatchObject({ ok: false, code: "licence-exceeded", rule: "spr.server.management-level.licence" });
    expect(handleServerOp(server({}, directory({ users: 100 })), "8.0", reset)).toEqual({ ok: true });
  });

  it("refuses a key issued for 5.0 or lower once it is 6.x or later, and takes it while it is 5.0", () => {
    const s = server();
    s.central.licence = { generation: "legacy", users: 100 };
    expect(handleServerOp(s, "8.0", reset)).toMatchObject({ ok: false, code: "licence-generation", rule: "spr.post.license" });
    const old = server({ version: "5.0" });
    old.central.licence = { generation: "legacy", users: 100 };
    old.central.stamp = "5.0";
    expect(handleServerOp(old, "5.0", reset)).toEqual({ ok: true });
  });

  it("acts within the management level only: a user outside it is refused by the directory", () => {
    const s = server({}, directory({ rightsFor: [] }));
    expect(handleServerOp(s, "8.0", reset)).toMatchObject({ ok: false, code: "rights", rule: "spr.server.management-level" });
  });

  it("checks the old password with a bind before a change, then writes the new one as the service account", () => {
    const dir = directory();
    expect(handleServerOp(server({}, dir), "8.0", { op: "change", user: "alice", oldPassword: "alice-pw", newPassword: "x" })).toEqual({ ok: true });
    expect(handleServerOp(server({}, dir), "8.0", { op: "change", user: "alice", oldPassword: "wrong", newPassword: "x" })).toMatchObject({ ok: false, code: "credentials" });
    expect(dir.resets).toEqual(["svc-spr:alice"]);
  });

  it("opens the Helpdesk page to elevated accounts only", () => {
    expect(handleServerOp(server(), "8.0", { op: "helpdesk", actor: "hd", actorPassword: "hd-pw", user: "alice" })).toMatchObject({ ok: true, enrolled: true });
    expect(handleServerOp(server(), "8.0", { op: "helpdesk", actor: "alice", actorPassword: "alice-pw", user: "alice" })).toMatchObject({ ok: false, code: "denied", rule: "spr.post.elevated-pages" });
  });

  it("needs an enrolled mobile number for a mobile reset", () => {
    const s = server();
    expect(handleServerOp(s, "8.0", { op: "mobile-reset", user: "alice", newPassword: "x" })).toMatchObject({ ok: false, code: "no-mobile" });
    s.central.enrollments.set("alice", { answersHash: "h", mobile: "+46 70 1" });
    expect(handleServerOp(s, "8.0", { op: "mobile-reset", user: "alice", newPassword: "x" })).toEqual({ ok: true });
  });
});
