import { validateFileVersion } from "./file-version.ts";
import { fsError } from "./fs-errors.ts";
import { descendants, FileNode, newDir, sortedChildren, totalSize, type DirNode, type FsNode } from "./fs-node.ts";
import type { DriveInfo, DriveSpec, FileEntry, FileSystemOptions, FsChange, FsStat } from "./fs-types.ts";
import { formatWindowsPath, nameKey, parseDriveLetter, parseWindowsPath, segmentKeys, type WindowsPath } from "./windows-path.ts";

interface Drive {
  readonly letter: string;
  readonly sizeBytes: number;
  freeBytes: number;
  readonly root: DirNode;
}

/** A node found on disk, with its parent and its path in stored case. */
interface Found {
  readonly drive: Drive;
  readonly node: FsNode;
  readonly parent: DirNode | undefined;
  readonly path: WindowsPath;
}

const utf8Decoder = new TextDecoder();

/**
 * One host's local disks. Names are case-insensitive and case-preserving;
 * free space is tracked per drive apart from the files the lab holds (it
 * starts at the drive's free figure and moves with every write and delete),
 * so a scenario can fill a disk without writing gigabytes. Folders take no
 * space. Every mutation either happens whole or fails before changing
 * anything.
 */
export class FileSystem {
  readonly #drives = new Map<string, Drive>();
  readonly #onChange: ((change: FsChange) => void) | undefined;
  /** Display path of the folder the last #ensureDirs reached (kept only while someone listens): what its caller reports. */
  #shown = "";

  constructor(options: FileSystemOptions) {
    if (!options || !Array.isArray(options.drives) || options.drives.length === 0) {
      throw fsError("INVALID_ARGUMENT", "a file system needs at least one drive, e.g. { letter: \"C\", sizeBytes: 128e9 }");
    }
    for (const spec of options.drives) this.#addDrive(spec);
    this.#onChange = options.onChange;
  }

  // ---- queries -------------------------------------------------------------

  /** Canonical display form, taking the stored case of the parts that exist. */
  normalise(path: string): string {
    const parsed = parseWindowsPath(path);
    const drive = this.#drives.get(parsed.drive);
    if (!drive) return formatWindowsPath(parsed);
    const segments: string[] = [];
    let node: FsNode | undefined = drive.root;
    for (const name of parsed.segments) {
      node = node?.kind === "dir" ? node.children.get(nameKey(name)) : undefined;
      segments.push(node ? node.name : name);
    }
    return formatWindowsPath({ drive: parsed.drive, segments });
  }

  exists(path: string): boolean {
    return this.#node(path) !== undefined;
  }

  isDirectory(path: string): boolean {
    return this.#node(path)?.kind === "dir";
  }

  isFile(path: string): boolean {
    return this.#node(path)?.kind === "file";
  }

  readFile(path: string): FileEntry | undefined {
    const found = this.#lookup(path);
    if (!found || found.node.kind !== "file") return undefined;
    const file = found.node;
    const entry: FileEntry = { path: formatWindowsPath(found.path), name: file.name, size: file.size, content: file.content.slice() };
    if (file.version !== undefined) entry.version = file.version;
    return entry;
  }

  readText(path: string): string | undefined {
    const node = this.#node(path);
    if (node?.kind !== "file") return undefined;
    return node.text ?? utf8Decoder.decode(node.content);
  }

  fileVersion(path: string): string | undefined {
    const node = this.#node(path);
    return node?.kind === "file" ? node.version : undefined;
  }

  stat(path: string): FsStat | undefined {
    const found = this.#lookup(path);
    if (!found) return undefined;
    const { node } = found;
    const name = found.path.segments.length === 0 ? `${found.drive.letter}:\\` : node.name;
    const stat: FsStat = { path: formatWindowsPath(found.path), name, kind: node.kind, size: totalSize(node) };
    if (node.kind === "file" && node.version !== undefined) stat.version = node.version;
    return stat;
  }

  list(dir: string): { name: string; kind: "file" | "dir" }[] {
    const found = this.#requireDir(dir);
    return sortedChildren(found.node as DirNode).map((child) => ({ name: child.name, kind: child.kind }));
  }

  /** Every file below `dir`, in display form: depth first, each folder's entries in case-insensitive order. */
  walk(dir: string): string[] {
    const found = this.#requireDir(dir);
    return descendants(found.node as DirNode)
      .filter((d) => d.node.kind === "file")
      .map((d) => formatWindowsPath({ drive: found.path.drive, segments: [...found.path.segments, ...d.rel] }));
  }

  drives(): DriveInfo[] {
    return [...this.#drives.values()]
      .sort((a, b) => (a.letter < b.letter ? -1 : 1))
      .map((d) => ({ letter: `${d.letter}:`, sizeBytes: d.sizeBytes, freeBytes: d.freeBytes }));
  }

  freeBytes(drive: string): number {
    return this.#drive(parseDriveLetter(drive), drive).freeBytes;
  }

  /** Sets a drive's free space directly (a scenario filling or freeing the disk). */
  setFreeBytes(drive: string, bytes: number): void {
    const d = this.#drive(parseDriveLetter(drive), drive);
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > d.sizeBytes) {
      throw fsError("INVALID_ARGUMENT", `free space of ${d.letter}: must be a whole number of bytes from 0 to ${d.sizeBytes}, got ${bytes}`, { drive: d.letter, bytes });
    }
    d.freeBytes = bytes;
  }

  // ---- mutations -----------------------------------------------------------

  /** Creates or replaces a file, creating its parent folders. A replaced file's version goes with its content. */
  writeFile(path: string, content: string | Uint8Array, options: { version?: string; size?: number } = {}): void {
    const target = parseWindowsPath(path);
    if (target.segments.length === 0) throw fsError("IS_A_DIRECTORY", `cannot write to drive root ${formatWindowsPath(target)}`, { path });
    const drive = this.#drive(target.drive, path);
    const length = contentLength(content, path);
    const size = options.size ?? length;
    if (!Number.isSafeInteger(size) || size < length) {
      throw fsError("INVALID_ARGUMENT", `size of ${path} must be a whole number of bytes, at least its content length (${length}), got ${size}`, { path, size });
    }
    const version = options.version === undefined ? undefined : validateFileVersion(options.version);
    const keys = segmentKeys(target);
    const existing = this.#probe(drive, target.segments, path, keys);
    if (existing?.kind === "dir") throw fsError("IS_A_DIRECTORY", `${this.normalise(path)} is a folder; cannot write it as a file`, { path });
    this.#reserve(drive, size - (existing?.size ?? 0), path);
    const parent = this.#ensureDirs(drive, target.segments, target.segments.length - 1, true, keys);
    const name = existing?.name ?? target.segments[target.segments.length - 1]!;
    // A string whose UTF-8 length is its length is ASCII: it has no lone surrogate to look for.
    const node = typeof content === "string" ? FileNode.ofText(name, content, size, version, length === content.length) : FileNode.ofBytes(name, content.slice(), size, version);
    parent.children.set(keys[keys.length - 1]!, node);
    if (this.#onChange) this.#emit({ kind: "write", path: `${this.#shown}\\${name}` });
  }

  /** Creates a folder and any missing parents; an existing folder is fine. */
  mkdir(path: string): void {
    const target = parseWindowsPath(path);
    const drive = this.#drive(target.drive, path);
    const keys = segmentKeys(target);
    const existing = this.#probe(drive, target.segments, path, keys);
    if (existing?.kind === "file") throw fsError("ALREADY_EXISTS", `cannot create folder ${this.normalise(path)}: a file of that name exists`, { path });
    this.#ensureDirs(drive, target.segments, target.segments.length, true, keys);
  }

  /**
   * Copies a file or a folder tree. A file copied onto an existing folder
   * lands inside it (as `copy` and Copy-Item do); a folder copied onto an
   * existing folder merges into it, replacing files of the same name
   * (as robocopy does). Versions travel with the files.
   */
  copy(from: string, to: string): void {
    const src = this.#require(from);
    const dest = this.#destination(src, to);
    const drive = this.#drive(dest.drive, to);
    if (src.node.kind === "dir" && isBelow(dest, src.path)) {
      throw fsError("INVALID_ARGUMENT", `cannot copy folder ${formatWindowsPath(src.path)} into itself (${formatWindowsPath(dest)})`, { from, to });
    }
    const existing = this.#probe(drive, dest.segments, to);
    if (existing === src.node) throw fsError("SAME_PATH", `${formatWindowsPath(src.path)} cannot be copied onto itself`, { from, to });
    if (src.node.kind === "dir" && existing?.kind === "file") {
      throw fsError("NOT_A_DIRECTORY", `cannot copy folder ${formatWindowsPath(src.path)} onto file ${this.normalise(to)}`, { from, to });
    }

    // Plan everything first so a conflict or a full disk changes nothing. The plan is in pre-order, so the
    // destination folder of an entry at depth d is the one last seen at depth d - 1: kept on a stack rather
    // than looked up from the root for every entry.
    const plan: { rel: string[]; node: FsNode }[] = src.node.kind === "file" ? [{ rel: [], node: src.node }] : descendants(src.node);
    let needed = 0;
    const at: (FsNode | undefined)[] = [existing];
    for (const step of plan) {
      const depth = step.rel.length;
      const above = depth === 0 ? undefined : at[depth - 1];
      const here = depth === 0 ? existing : above?.kind === "dir" ? above.children.get(nameKey(step.node.name)) : undefined;
      at[depth] = here;
      if (step.node.kind === "dir" && here?.kind === "file") {
        throw fsError("NOT_A_DIRECTORY", `cannot copy: ${formatWindowsPath({ drive: drive.letter, segments: [...dest.segments, ...step.rel] })} is a file where the copy needs a folder`, { from, to });
      }
      if (step.node.kind === "file") {
        if (here?.kind === "dir") throw fsError("IS_A_DIRECTORY", `cannot copy: ${formatWindowsPath({ drive: drive.letter, segments: [...dest.segments, ...step.rel] })} is a folder where the copy needs a file`, { from, to });
        needed += step.node.size - (here?.kind === "file" ? here.size : 0);
      }
    }
    this.#reserve(drive, needed, to);

    const top = this.#ensureDirs(drive, dest.segments, src.node.kind === "dir" ? dest.segments.length : dest.segments.length - 1, true);
    if (src.node.kind === "file") {
      const name = dest.segments[dest.segments.length - 1]!;
      placeFile(top, name, src.node);
    }
    const dirs: DirNode[] = [top];
    for (const step of plan) {
      const depth = step.rel.length;
      if (depth === 0) continue;
      const parent = dirs[depth - 1]!;
      if (step.node.kind === "dir") dirs[depth] = childDir(parent, step.node.name);
      else placeFile(parent, step.node.name, step.node);
    }
    this.#emit({ kind: "copy", path: formatWindowsPath(src.path), to: this.normalise(formatWindowsPath(dest)) });
  }

  /**
   * Moves or renames a file or folder. A file moved onto an existing folder
   * lands inside it; a file moved onto a file replaces it; a folder cannot
   * replace anything. A move that only changes case renames in place.
   */
  move(from: string, to: string): void {
    const src = this.#require(from);
    if (!src.parent) throw fsError("INVALID_PATH", `cannot move drive root ${formatWindowsPath(src.path)}`, { from, to });
    const dest = this.#destination(src, to);
    const drive = this.#drive(dest.drive, to);
    const newName = dest.segments[dest.segments.length - 1];
    if (newName === undefined) throw fsError("INVALID_PATH", `cannot move ${formatWindowsPath(src.path)} onto drive root ${formatWindowsPath(dest)}`, { from, to });
    if (src.node.kind === "dir" && isBelow(dest, src.path)) {
      throw fsError("INVALID_ARGUMENT", `cannot move folder ${formatWindowsPath(src.path)} into itself (${formatWindowsPath(dest)})`, { from, to });
    }
    const existing = this.#probe(drive, dest.segments, to);
    if (existing === src.node) {
      const oldPath = formatWindowsPath(src.path);
      src.node.name = newName;
      this.#emit({ kind: "move", path: oldPath, to: this.normalise(to) });
      return;
    }
    if (existing && (src.node.kind === "dir" || existing.kind === "dir")) {
      throw fsError("ALREADY_EXISTS", `cannot move ${formatWindowsPath(src.path)}: ${this.normalise(formatWindowsPath(dest))} already exists`, { from, to });
    }
    const replaced = existing?.kind === "file" ? existing.size : 0;
    const size = totalSize(src.node);
    const crossDrive = drive !== src.drive;
    if (crossDrive) this.#reserve(drive, size - replaced, to);

    src.parent.children.delete(nameKey(src.node.name));
    const parent = this.#ensureDirs(drive, dest.segments, dest.segments.length - 1, true);
    const oldPath = formatWindowsPath(src.path);
    if (existing) parent.children.delete(nameKey(existing.name));
    src.node.name = newName;
    parent.children.set(nameKey(newName), src.node);
    // The reservation above already netted out the replaced file on a cross-drive move.
    if (crossDrive) this.#release(src.drive, size);
    else this.#release(drive, replaced);
    this.#emit({ kind: "move", path: oldPath, to: this.normalise(formatWindowsPath(dest)) });
  }

  /** Deletes a file or folder; false when nothing was there. A non-empty folder needs `recursive`. */
  delete(path: string, options: { recursive?: boolean } = {}): boolean {
    const found = this.#lookup(path);
    if (!found) return false;
    if (!found.parent) throw fsError("INVALID_PATH", `cannot delete drive root ${formatWindowsPath(found.path)}`, { path });
    if (found.node.kind === "dir" && found.node.children.size > 0 && !options.recursive) {
      throw fsError("DIRECTORY_NOT_EMPTY", `folder ${formatWindowsPath(found.path)} is not empty`, { path }, "delete with { recursive: true }");
    }
    found.parent.children.delete(nameKey(found.node.name));
    this.#release(found.drive, totalSize(found.node));
    this.#emit({ kind: "delete", path: formatWindowsPath(found.path) });
    return true;
  }

  // ---- internals -----------------------------------------------------------

  #addDrive(spec: DriveSpec): void {
    const letterText = typeof spec?.letter === "string" ? spec.letter.replace(/\//g, "\\") : "";
    if (!/^[A-Za-z]:?\\?$/.test(letterText)) throw fsError("INVALID_ARGUMENT", `drive letter "${String(spec?.letter)}" must be a single letter such as "C" or "C:"`);
    const letter = letterText[0]!.toUpperCase();
    if (this.#drives.has(letter)) throw fsError("INVALID_ARGUMENT", `drive ${letter}: is declared twice`);
    if (!Number.isSafeInteger(spec.sizeBytes) || spec.sizeBytes < 0) throw fsError("INVALID_ARGUMENT", `drive ${letter}: size must be a whole number of bytes, got ${spec.sizeBytes}`);
    const free = spec.freeBytes ?? spec.sizeBytes;
    if (!Number.isSafeInteger(free) || free < 0 || free > spec.sizeBytes) {
      throw fsError("INVALID_ARGUMENT", `drive ${letter}: free space must be from 0 to its size (${spec.sizeBytes}), got ${free}`);
    }
    this.#drives.set(letter, { letter, sizeBytes: spec.sizeBytes, freeBytes: free, root: newDir("") });
  }

  #drive(letter: string, path: string): Drive {
    const drive = this.#drives.get(letter);
    if (!drive) {
      const known = [...this.#drives.keys()].sort().map((l) => `${l}:`).join(", ");
      throw fsError("NO_SUCH_DRIVE", `drive ${letter}: does not exist on this host (it has ${known}); path ${path}`, { drive: letter, path });
    }
    return drive;
  }

  /** Finds a node; undefined when it, its drive or a parent folder is missing. Malformed paths throw. */
  #lookup(path: string): Found | undefined {
    const parsed = parseWindowsPath(path);
    const drive = this.#drives.get(parsed.drive);
    if (!drive) return undefined;
    const keys = segmentKeys(parsed);
    let node: FsNode = drive.root;
    let parent: DirNode | undefined;
    const segments: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (node.kind !== "dir") return undefined;
      const child: FsNode | undefined = node.children.get(keys[i]!);
      if (!child) return undefined;
      parent = node;
      node = child;
      segments.push(child.name);
    }
    return { drive, node, parent, path: { drive: drive.letter, segments } };
  }

  /** `#lookup` for callers that want only the node (most queries): nothing is built on the way. */
  #node(path: string): FsNode | undefined {
    const parsed = parseWindowsPath(path);
    const drive = this.#drives.get(parsed.drive);
    if (!drive) return undefined;
    const keys = segmentKeys(parsed);
    let node: FsNode | undefined = drive.root;
    for (let i = 0; i < keys.length; i++) {
      if (node.kind !== "dir") return undefined;
      node = node.children.get(keys[i]!);
      if (!node) return undefined;
    }
    return node;
  }

  #require(path: string): Found {
    const found = this.#lookup(path);
    if (found) return found;
    const parsed = parseWindowsPath(path);
    this.#drive(parsed.drive, path);
    throw fsError("FILE_NOT_FOUND", `${this.normalise(path)} does not exist`, { path });
  }

  #requireDir(path: string): Found {
    const found = this.#require(path);
    if (found.node.kind !== "dir") throw fsError("NOT_A_DIRECTORY", `${formatWindowsPath(found.path)} is a file, not a folder`, { path });
    return found;
  }

  /** Where a copy or move of `src` to `to` lands: inside `to` when a file goes onto a folder. */
  #destination(src: Found, to: string): WindowsPath {
    const dest = parseWindowsPath(to);
    const at = this.#lookup(to);
    if (src.node.kind === "file" && at?.node.kind === "dir") return { drive: dest.drive, segments: [...dest.segments, src.node.name] };
    return dest;
  }

  /** The node at `segments` (`keys`: their comparison keys, when known), or undefined; throws when a parent on the way is a file. */
  #probe(drive: Drive, segments: readonly string[], path: string, keys?: readonly string[]): FsNode | undefined {
    let node: FsNode = drive.root;
    for (let i = 0; i < segments.length; i++) {
      if (node.kind !== "dir") {
        throw fsError("NOT_A_DIRECTORY", `${formatWindowsPath({ drive: drive.letter, segments: segments.slice(0, i) })} is a file, so ${path} cannot be below it`, { path });
      }
      const child = node.children.get(keys ? keys[i]! : nameKey(segments[i]!));
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /**
   * The folder at the first `count` segments, creating what is missing. When
   * someone listens for changes, leaves the folder's display path (stored
   * case) in #shown for the caller's own event.
   */
  #ensureDirs(drive: Drive, segments: readonly string[], count: number, announce: boolean, keys?: readonly string[]): DirNode {
    let dir = drive.root;
    const listening = this.#onChange !== undefined;
    let shown = listening ? `${drive.letter}:` : "";
    for (let i = 0; i < count; i++) {
      const name = segments[i]!;
      const key = keys ? keys[i]! : nameKey(name);
      let child = dir.children.get(key);
      if (!child) {
        child = newDir(name);
        dir.children.set(key, child);
        if (announce && listening) this.#emit({ kind: "mkdir", path: `${shown}\\${name}` });
      }
      // #probe ran before every caller, so a file here is a bug, not bad input.
      if (child.kind !== "dir") throw new Error(`internal: ${name} is a file on a path already checked`);
      if (listening) shown = `${shown}\\${child.name}`;
      dir = child;
    }
    this.#shown = shown;
    return dir;
  }

  /** Takes `bytes` of free space (negative gives space back), or throws DISK_FULL. */
  #reserve(drive: Drive, bytes: number, path: string): void {
    if (bytes > drive.freeBytes) {
      throw fsError(
        "DISK_FULL",
        `not enough space on ${drive.letter}: to write ${path}: needs ${bytes} bytes, ${drive.freeBytes} free`,
        { drive: `${drive.letter}:`, path, neededBytes: bytes, freeBytes: drive.freeBytes },
        `free at least ${bytes - drive.freeBytes} bytes on ${drive.letter}:`,
      );
    }
    drive.freeBytes = Math.min(drive.sizeBytes, drive.freeBytes - bytes);
  }

  #release(drive: Drive, bytes: number): void {
    drive.freeBytes = Math.min(drive.sizeBytes, drive.freeBytes + bytes);
  }

  #emit(change: FsChange): void {
    this.#onChange?.(change);
  }
}

/** UTF-8 length of what a write stores (a lone surrogate counts as the U+FFFD it becomes). */
function contentLength(content: string | Uint8Array, path: string): number {
  if (typeof content === "string") return Buffer.byteLength(content, "utf8");
  if (content instanceof Uint8Array) return content.length;
  throw fsError("INVALID_ARGUMENT", `content of ${path} must be a string or bytes`, { path });
}

/** The folder `name` in `dir`, made when missing (a copy's tree; the plan checked no file is in the way). */
function childDir(dir: DirNode, name: string): DirNode {
  const key = nameKey(name);
  let child = dir.children.get(key);
  if (!child) dir.children.set(key, (child = newDir(name)));
  if (child.kind !== "dir") throw new Error(`internal: ${name} is a file on a path already checked`);
  return child;
}

/** Installs a copy of `source` under `name`, keeping the case of a file it replaces. */
function placeFile(dir: DirNode, name: string, source: FileNode): void {
  const key = nameKey(name);
  dir.children.set(key, source.copyAs(dir.children.get(key)?.name ?? name));
}

/** True when `inner` is strictly below `outer`. */
function isBelow(inner: WindowsPath, outer: WindowsPath): boolean {
  if (inner.drive !== outer.drive || inner.segments.length <= outer.segments.length) return false;
  return outer.segments.every((s, i) => nameKey(s) === nameKey(inner.segments[i]!));
}
