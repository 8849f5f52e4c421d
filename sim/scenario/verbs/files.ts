import { z } from "zod";
import { isLabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { copyAcross } from "./copy-across.ts";
import { resolveEstatePath, type EstatePath } from "./estate-path.ts";

const fromTo = z.strictObject({ from: z.string().min(1), to: z.string().min(1) });
const OPERATIONS = ["copy", "move", "delete", "write", "mkdir", "backup", "restore"] as const;

const filesArgs = z
  .strictObject({
    host: z.string().min(1).optional(),
    copy: fromTo.optional(),
    move: fromTo.optional(),
    delete: z.string().min(1).optional(),
    write: z
      .strictObject({
        path: z.string().min(1),
        content: z.string().optional(),
        version: z.string().optional(),
        size: z.number().int().nonnegative().optional(),
      })
      .optional(),
    mkdir: z.string().min(1).optional(),
    backup: fromTo.optional(),
    restore: z.strictObject({ from: z.string().min(1), to: z.string().min(1), exclude: z.array(z.string().min(1)).optional() }).optional(),
  })
  .refine((a) => OPERATIONS.filter((op) => a[op] !== undefined).length === 1, { message: `say what to do: exactly one of ${OPERATIONS.join(", ")}` });

export type FilesArgs = z.infer<typeof filesArgs>;

/** `files: { host, copy | move | delete | write | mkdir | backup | restore }`: what an administrator does in Explorer or a console. */
export const filesVerb = defineBuiltinVerb<FilesArgs>({
  name: "files",
  description:
    "File operations on { host } (paths C:\\... on that host, or UNC \\\\HOST\\share\\... on the share's host, which may be another machine). " +
    "copy: { from, to } (a file onto a folder lands inside it; a folder merges into an existing one). move: { from, to }. " +
    "delete: path (folders with their contents; a missing path is traced as files.delete-missing). " +
    "write: { path, content?, version?, size? } (creates or replaces a file; version = its file version, size in bytes). mkdir: path. " +
    "backup: { from, to }: `to` becomes a fresh copy of `from` (an older backup there is replaced). " +
    "restore: { from: backup, to: original, exclude?: [file names] }: copies the backup back over the original, leaving out the excluded names (e.g. APR.dll). " +
    "A full disk is no error: the step records files.failed (DISK_FULL) and the product's checks find it; a missing source or share is an error.",
  args: () => filesArgs,
  refs: (args) => ({ hosts: [...(args.host ? [args.host] : []), ...uncHosts(args)] }),
  async run(ctx, args) {
    const lab = ctx.lab;
    const at = (path: string): EstatePath => resolveEstatePath(lab, args.host, path);
    try {
      if (args.copy) summary(lab, at(args.copy.from), "files.copied", { from: args.copy.from, to: args.copy.to, ...copyAcross(at(args.copy.from), at(args.copy.to)) });
      if (args.move) move(at(args.move.from), at(args.move.to));
      if (args.delete !== undefined) {
        const target = at(args.delete);
        if (!target.host.fs.delete(target.path, { recursive: true })) target.host.record("fs", "files.delete-missing", { path: target.path });
      }
      if (args.write) {
        const target = at(args.write.path);
        const w = args.write;
        target.host.fs.writeFile(target.path, w.content ?? "", { ...(w.version !== undefined ? { version: w.version } : {}), ...(w.size !== undefined ? { size: Math.max(w.size, Buffer.byteLength(w.content ?? "")) } : {}) });
      }
      if (args.mkdir !== undefined) {
        const target = at(args.mkdir);
        target.host.fs.mkdir(target.path);
      }
      if (args.backup) {
        const to = at(args.backup.to);
        to.host.fs.delete(to.path, { recursive: true });
        summary(lab, to, "files.backed-up", { from: args.backup.from, to: args.backup.to, ...copyAcross(at(args.backup.from), to) });
      }
      if (args.restore) {
        const r = args.restore;
        summary(lab, at(r.to), "files.restored", { from: r.from, to: r.to, ...copyAcross(at(r.from), at(r.to), r.exclude ?? []) });
      }
    } catch (error) {
      if (!isLabError(error) || error.code !== "DISK_FULL") throw error;
      lab.trace.record({ host: "lab", component: "estate", kind: "files.failed", data: { code: error.code, message: error.message } });
    }
  },
});

function move(from: EstatePath, to: EstatePath): void {
  if (from.host === to.host) {
    from.host.fs.move(from.path, to.path);
    return;
  }
  copyAcross(from, to);
  from.host.fs.delete(from.path, { recursive: true });
}

function summary(lab: Lab, where: EstatePath, kind: string, data: Record<string, unknown>): void {
  lab.trace.record({ host: where.host.name, component: "estate", kind, data });
}

/** Hosts named by UNC paths (\\FS01\share\x names FS01). */
function uncHosts(args: FilesArgs): string[] {
  const paths = [args.copy?.from, args.copy?.to, args.move?.from, args.move?.to, args.delete, args.write?.path, args.mkdir, args.backup?.from, args.backup?.to, args.restore?.from, args.restore?.to];
  return paths.flatMap((p) => {
    const m = p === undefined ? null : /^(?:\\\\|\/\/)([^\\/]+)/.exec(p);
    return m ? [m[1]!] : [];
  });
}
