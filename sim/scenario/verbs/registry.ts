import { z } from "zod";
import type { Host } from "../../host/index.ts";
import { isLabError, LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { importReg } from "../../registry/index.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { resolveEstatePath } from "./estate-path.ts";
import { REG_INPUT_TYPES, regInputValueSchema, toRegValue, type RegInputType, type RegInputValue } from "./reg-value-input.ts";

const setEntry = z.strictObject({
  key: z.string().min(1),
  name: z.string().optional(),
  type: z.enum(REG_INPUT_TYPES).optional(),
  value: regInputValueSchema,
});
const deleteEntry = z.strictObject({ key: z.string().min(1), name: z.string().optional() });
const oneOrMore = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).min(1)]);

const registryArgs = z
  .strictObject({
    host: z.string().min(1),
    view: z.union([z.literal(32), z.literal(64)]).optional(),
    set: oneOrMore(setEntry).optional(),
    delete: oneOrMore(deleteEntry).optional(),
    import: z.union([z.string().min(1), z.strictObject({ file: z.string().min(1) })]).optional(),
  })
  .refine((a) => [a.set, a.delete, a.import].filter((v) => v !== undefined).length === 1, { message: "say what to do: exactly one of set, delete, import" })
  .superRefine((a, ctx) => {
    for (const [i, e] of list(a.set).entries()) {
      try {
        toRegValue(e.type, e.value);
      } catch (error) {
        if (!isLabError(error)) throw error;
        ctx.addIssue({ code: "custom", path: Array.isArray(a.set) ? ["set", i, "value"] : ["set", "value"], message: error.message });
      }
    }
  });

interface SetEntry {
  key: string;
  name?: string | undefined;
  type?: RegInputType | undefined;
  value: RegInputValue;
}
interface DeleteEntry {
  key: string;
  name?: string | undefined;
}

export interface RegistryArgs {
  host: string;
  view?: 32 | 64 | undefined;
  set?: SetEntry | SetEntry[] | undefined;
  delete?: DeleteEntry | DeleteEntry[] | undefined;
  import?: string | { file: string } | undefined;
}

/** `registry: { host, set | delete | import }`: regedit / reg.exe on one host, in its 64-bit (or 32-bit) view. */
export const registryVerb = defineBuiltinVerb<RegistryArgs>({
  name: "registry",
  description:
    "Changes the registry of { host } in view: 64 (default; 32 = a 32-bit program's view, WOW6432Node). " +
    "set: { key, name?, type?, value } (or a list; name omitted = the default value; type REG_SZ | REG_EXPAND_SZ | REG_MULTI_SZ | REG_DWORD | REG_QWORD | REG_BINARY | REG_NONE, " +
    "default by value: string REG_SZ, number REG_DWORD, list REG_MULTI_SZ; DWORD/QWORD also \"0x..\", BINARY hex \"de ad\"). " +
    "delete: { key, name? } (or a list; without name the key and its subkeys go; a missing one is traced as registry.delete-missing). " +
    "import: \"<.reg text>\" or { file: path | \\\\HOST\\share\\x.reg } as `reg import` does: lines it cannot read are skipped and listed in the trace (registry.imported); a bad header changes nothing (registry.import-failed).",
  args: () => registryArgs as z.ZodType<RegistryArgs>,
  refs: (args) => ({ hosts: [args.host] }),
  async run(ctx, args) {
    const host = ctx.lab.host(args.host);
    const view = host.registry.view(args.view ?? 64);
    for (const e of list(args.set)) view.setValue(e.key, e.name ?? "", toRegValue(e.type, e.value));
    for (const e of list(args.delete)) {
      const done = e.name === undefined ? view.deleteKey(e.key, { recursive: true }) : view.deleteValue(e.key, e.name);
      if (!done) host.record("registry", "registry.delete-missing", { path: e.key, ...(e.name !== undefined ? { name: e.name } : {}), view: view.bits });
    }
    if (args.import !== undefined) importInto(ctx.lab, host, args.view ?? 64, args.import);
  },
});

function importInto(lab: Lab, host: Host, bits: 32 | 64, source: string | { file: string }): void {
  let file: string | Uint8Array = typeof source === "string" ? source : "";
  const from = typeof source === "string" ? "inline" : source.file;
  if (typeof source !== "string") {
    const at = resolveEstatePath(lab, host.name, source.file);
    const entry = at.host.fs.readFile(at.path);
    if (!entry) throw new LabError({ code: "FILE_NOT_FOUND", message: `no file ${source.file} on ${at.host.name} to import` });
    file = entry.content;
  }
  try {
    const report = importReg(host.registry.view(bits), file);
    host.record("registry", "registry.imported", { from, view: bits, format: report.format, applied: report.applied, skipped: report.skipped.map((s) => ({ ...s })) });
  } catch (error) {
    if (!isLabError(error) || error.code !== "REG_BAD_HEADER") throw error;
    host.record("registry", "registry.import-failed", { from, view: bits, code: error.code, message: error.message });
  }
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
