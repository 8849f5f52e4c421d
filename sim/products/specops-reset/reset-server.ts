import type { Trace } from "../../kernel/index.ts";
import { hashAnswers, type CentralConfig } from "./central-config.ts";
import type { DirectoryOutcome, ServerDirectory } from "./server-directory.ts";
import { refuse, type ServerOp, type ServerReply } from "./server-ops.ts";
import { compareVersions, licenceAccepted } from "./versions.ts";

/** What one running Specops Password Reset Server knows. */
export interface ServerContext {
  readonly host: string;
  readonly version: string;
  readonly serviceAccount: string;
  readonly managementLevel: string;
  readonly central: CentralConfig;
  readonly directory: ServerDirectory;
  readonly trace: Trace;
  /** Groups whose members may use the Helpdesk and Reporting pages. */
  readonly elevatedGroups: readonly string[];
}

/**
 * The Server's answer to one request of a Web. Every directory operation
 * runs as the service account (the document: "all operations ... in the
 * context of the service account"), so what it may do is what the
 * management level's permissions allow. A change is checked with a bind and
 * then written by the service account (lab inference: hence the domain's
 * minimum password age does not stop it).
 */
export function handleServerOp(ctx: ServerContext, webVersion: string, op: ServerOp): ServerReply {
  const record = (kind: string, data: Record<string, unknown>) => ctx.trace.record({ host: ctx.host, component: "spr-server", kind, data });
  const gate = admission(ctx, webVersion);
  if (gate) {
    record("spr:server.refused", { op: op.op, code: gate.ok ? "" : gate.code, webVersion, serverVersion: ctx.version });
    return gate;
  }
  const reply = perform(ctx, op);
  record(reply.ok ? "spr:server.done" : "spr:server.refused", { op: op.op, ...("user" in op ? { user: op.user } : {}), ...(reply.ok ? {} : { code: reply.code, message: reply.message }) });
  return reply;
}

/** Checks that do not depend on the request: versions, configuration, licence. */
function admission(ctx: ServerContext, webVersion: string): ServerReply | undefined {
  if (compareVersions(webVersion, ctx.version) > 0) {
    return refuse("version", `the Web (${webVersion}) is newer than the Server (${ctx.version}); the Server does not know its requests`);
  }
  const stamp = ctx.central.stamp;
  if (stamp !== undefined && compareVersions(stamp, ctx.version) > 0) {
    return refuse("config", `the configuration was written by version ${stamp}; the Server (${ctx.version}) cannot read it`);
  }
  const licence = ctx.central.licence;
  if (!licence || !licenceAccepted(ctx.version, licence.generation)) {
    return refuse("licence-generation", licence ? `the licence key was issued for 5.0 or lower; Server ${ctx.version} refuses it` : "no licence key is imported");
  }
  const counted = ctx.directory.countUsersUnder(ctx.managementLevel);
  if (counted > licence.users) {
    return refuse("licence-exceeded", `${counted} user accounts in the management level ${ctx.managementLevel}; the licence covers ${licence.users}`);
  }
  return undefined;
}

function perform(ctx: ServerContext, op: ServerOp): ServerReply {
  const dir = ctx.directory;
  const enrollments = ctx.central.enrollments;
  const key = (user: string) => user.toLowerCase();
  switch (op.op) {
    case "enroll": {
      const bind = dir.authenticate(op.user, op.password);
      if (!bind.ok) return refuse("credentials", `the directory refused ${op.user}'s password: ${bind.message}`);
      enrollments.set(key(op.user), { answersHash: hashAnswers(op.user, op.answers), ...(op.mobile !== undefined ? { mobile: op.mobile } : {}) });
      return { ok: true, enrolled: true };
    }
    case "reset": {
      const enrolled = enrollments.get(key(op.user));
      if (!enrolled) return refuse("not-enrolled", `${op.user} is not enrolled`);
      if (enrolled.answersHash !== hashAnswers(op.user, op.answers)) return refuse("wrong-answers", `${op.user} gave wrong answers`);
      return asServiceAccount(ctx, op.user, op.newPassword);
    }
    case "change": {
      const bind = dir.authenticate(op.user, op.oldPassword);
      if (!bind.ok) return refuse("credentials", `the directory refused ${op.user}'s current password: ${bind.message}`);
      return asServiceAccount(ctx, op.user, op.newPassword);
    }
    case "mobile-reset": {
      const enrolled = enrollments.get(key(op.user));
      if (!enrolled) return refuse("not-enrolled", `${op.user} is not enrolled`);
      if (!enrolled.mobile) return refuse("no-mobile", `${op.user} enrolled no mobile number: the code cannot be sent`);
      return asServiceAccount(ctx, op.user, op.newPassword);
    }
    case "status":
      return { ok: true, enrolled: enrollments.has(key(op.user)) };
    case "helpdesk":
    case "reporting": {
      const bind = dir.authenticate(op.actor, op.actorPassword);
      if (!bind.ok) return refuse("credentials", `the directory refused ${op.actor}'s password: ${bind.message}`);
      if (!ctx.elevatedGroups.some((g) => dir.isMemberOf(op.actor, g))) {
        return refuse("denied", `${op.actor} is not a member of ${ctx.elevatedGroups.join(" or ")}`);
      }
      if (op.op === "helpdesk") return { ok: true, enrolled: enrollments.has(key(op.user)) };
      return { ok: true, data: { enrolled: enrollments.size, managementLevel: ctx.managementLevel } };
    }
  }
}

function asServiceAccount(ctx: ServerContext, user: string, newPassword: string): ServerReply {
  const result: DirectoryOutcome = ctx.directory.resetPassword(ctx.serviceAccount, user, newPassword);
  if (result.ok) return { ok: true };
  if (result.code === "INSUFFICIENT_RIGHTS") {
    return refuse("rights", `${ctx.serviceAccount} may not reset ${user}: ${result.message} (management level ${ctx.managementLevel})`);
  }
  return refuse("directory", `the directory refused the new password of ${user}: ${result.message}`);
}
