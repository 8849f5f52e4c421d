import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { DB_FILE, LOG_FILE } from "./apr-database.ts";
import { configVersion, installedVersion, readAprString, writeAprString } from "./apr-install-state.ts";
import { APR_DLL, joinPath, SERVICE_NAME } from "./apr-layout.ts";
import { AprWorld } from "./apr-world.ts";

/** What the operator does with APR's files: backups, restores, moving the database. All on the host's real files. */

export const BACKUP_ROOT = "C:\\APR Backup";

function sameFolder(a: string, b: string): boolean {
  return folderKey(a) === folderKey(b);
}

function folderKey(path: string): string {
  return path.replace(/[\\/]+$/, "").toLowerCase();
}

/** The configured database folder of a server host. */
export function databaseFolderOf(host: Host): string | undefined {
  const version = installedVersion(host, "apr-server") ?? configVersion(host);
  return version ? readAprString(host, version, "DatabasePath") : undefined;
}

/** Who holds the database files in `folder` open (SQL Server Compact opens them exclusively), if anyone. */
export function databaseLock(lab: Lab, host: Host, folder: string): string | undefined {
  const world = AprWorld.of(lab);
  const runtime = world.servers.get(world.key(host.name));
  if (runtime && sameFolder(runtime.databaseFolder, folder)) return "the Netwrix Password Reset service";
  const configured = databaseFolderOf(host);
  if (world.consoles.has(world.key(host.name)) && configured && sameFolder(configured, folder)) return "the Data Console";
  return undefined;
}

function nextFolder(lab: Lab, kind: string): string {
  const n = lab.state("apr:backup-counter", () => ({ n: 0 }));
  n.n++;
  return `${BACKUP_ROOT}\\${kind}-${n.n}`;
}

/** Copies the Web Interface folder, customised files and APR.dll alike, to a backup folder. */
export function backupWeb(lab: Lab, host: Host): { folder: string } | undefined {
  const row = host.products.byComponent("apr-web");
  if (!row) return undefined;
  const folder = nextFolder(lab, "web");
  host.fs.copy(row.installFolder, folder);
  const world = AprWorld.of(lab);
  const entry = world.backups.get(world.key(host.name)) ?? {};
  world.backups.set(world.key(host.name), { ...entry, web: { folder, version: row.version, at: lab.clock.now() } });
  host.recordOwn("apr", "apr:backup.web", { from: row.installFolder, to: folder });
  return { folder };
}

export type DatabaseBackup =
  | { readonly ok: true; readonly folder: string; readonly from: string; readonly traceId: number }
  | { readonly ok: false; readonly reason: "locked" | "empty" | "no-server"; readonly from?: string; readonly detail: string; readonly traceId: number };

/**
 * Backs up apr.sdf and aprlog.sdf: by copying the configured folder, or by
 * running the backup script, which copies from the folder it was written
 * for (stale after a move unless updated).
 */
export function backupDatabase(lab: Lab, host: Host, via: "copy" | "script" = "copy"): DatabaseBackup {
  const world = AprWorld.of(lab);
  const script = world.backupScripts.get(world.key(host.name));
  const from = via === "script" && script ? script.from : databaseFolderOf(host);
  if (!from) return { ok: false, reason: "no-server", detail: `${host.name} has no Password Reset database`, traceId: host.recordOwn("apr", "apr:backup.failed", { reason: "no-server" }).id };
  if (!host.fs.isFile(joinPath(from, DB_FILE))) {
    const event = host.recordOwn("apr", "apr:backup.failed", { reason: "empty", from, via });
    return { ok: false, reason: "empty", from, detail: `${from} holds no ${DB_FILE}: the backup copied nothing`, traceId: event.id };
  }
  // The backup script does what such scripts do: net stop, copy, net start.
  const restart = via === "script" && script !== undefined && host.services.isRunning(SERVICE_NAME);
  if (restart) {
    host.services.stop(SERVICE_NAME);
    lab.clock.advance(2_000);
  }
  const lock = databaseLock(lab, host, from);
  if (lock) {
    const event = host.recordOwn("apr", "apr:backup.failed", { reason: "locked", from, lockedBy: lock });
    return { ok: false, reason: "locked", from, detail: `${DB_FILE} is in use by ${lock}`, traceId: event.id };
  }
  const folder = via === "script" && script ? script.to : nextFolder(lab, "database");
  host.fs.mkdir(folder);
  for (const file of [DB_FILE, LOG_FILE]) {
    if (host.fs.isFile(joinPath(from, file))) {
      host.fs.delete(joinPath(folder, file));
      host.fs.copy(joinPath(from, file), joinPath(folder, file));
    }
  }
  const serviceStopped = !host.services.isRunning(SERVICE_NAME);
  if (restart) {
    host.services.start(SERVICE_NAME);
    lab.clock.advance(2_000);
  }
  const entry = world.backups.get(world.key(host.name)) ?? {};
  world.backups.set(world.key(host.name), { ...entry, database: { folder, at: lab.clock.now(), consistent: serviceStopped && !world.consoles.has(world.key(host.name)) } });
  const event = host.recordOwn("apr", "apr:backup.database", { from, to: folder, via });
  return { ok: true, folder, from, traceId: event.id };
}

/** Restores the latest web backup over the installed files; APR.dll only when asked (the document says never). */
export function restoreWeb(lab: Lab, host: Host, options: { includeAprDll: boolean }): { restored: string[]; traceId: number } | undefined {
  const world = AprWorld.of(lab);
  const backup = world.backups.get(world.key(host.name))?.web;
  const row = host.products.byComponent("apr-web");
  if (!backup || !row) return undefined;
  const restored: string[] = [];
  for (const path of host.fs.walk(backup.folder)) {
    const name = path.slice(backup.folder.length + 1);
    if (name.toLowerCase() === APR_DLL.toLowerCase() && !options.includeAprDll) continue;
    const target = joinPath(row.installFolder, name);
    host.fs.delete(target);
    host.fs.copy(path, target);
    restored.push(name);
  }
  const event = host.recordOwn("apr", "apr:restore.web", { from: backup.folder, to: row.installFolder, files: restored, includesAprDll: options.includeAprDll });
  return { restored, traceId: event.id };
}

export const MOVE_STEPS = ["close-console", "stop-service", "move", "repoint", "start-service", "update-backup-script"] as const;
export type MoveStep = (typeof MOVE_STEPS)[number];

/**
 * "Move Database files", step by step; a skipped step is simply not done,
 * and the estate shows what that leaves behind. Returns what happened.
 */
export function moveDatabase(lab: Lab, host: Host, to: string, skip: readonly MoveStep[]): { moved: boolean; from?: string; lockedBy?: string; traceId: number } {
  const world = AprWorld.of(lab);
  const version = installedVersion(host, "apr-server");
  const from = databaseFolderOf(host);
  if (!version || !from) return { moved: false, traceId: host.recordOwn("apr", "apr:db.move-failed", { reason: "no APR Server on this host" }).id };
  const does = (step: MoveStep) => !skip.includes(step);
  if (does("close-console")) world.consoles.delete(world.key(host.name));
  if (does("stop-service") && host.services.isRunning(SERVICE_NAME)) {
    host.services.stop(SERVICE_NAME);
    lab.clock.advance(2_000);
  }
  let moved = false;
  let lockedBy: string | undefined;
  if (does("move")) {
    lockedBy = databaseLock(lab, host, from);
    if (lockedBy) {
      host.recordOwn("apr", "apr:db.move-failed", { from, to, lockedBy });
    } else if (!sameFolder(from, to)) {
      host.fs.mkdir(to);
      for (const file of [DB_FILE, LOG_FILE]) {
        if (!host.fs.isFile(joinPath(from, file))) continue;
        host.fs.delete(joinPath(to, file));
        host.fs.move(joinPath(from, file), joinPath(to, file));
      }
      moved = true;
    }
  }
  if (does("repoint")) writeAprString(host, version, "DatabasePath", to);
  if (does("start-service")) {
    host.services.start(SERVICE_NAME);
    lab.clock.advance(2_000);
  }
  const script = world.backupScripts.get(world.key(host.name));
  if (does("update-backup-script") && script) script.from = to;
  const event = host.recordOwn("apr", "apr:db.moved", { from, to, moved, skipped: [...skip], ...(lockedBy ? { lockedBy } : {}) });
  return { moved, from, ...(lockedBy ? { lockedBy } : {}), traceId: event.id };
}
