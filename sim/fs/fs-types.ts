export interface DriveSpec {
  /** "C", "C:" or "C:\". */
  letter: string;
  sizeBytes: number;
  /** Free space at start; the rest counts as data the lab does not model. Defaults to sizeBytes. */
  freeBytes?: number;
}

export interface FileEntry {
  /** Display form with the case the file was created with. */
  path: string;
  name: string;
  size: number;
  content: Uint8Array;
  version?: string;
}

export interface FsStat {
  path: string;
  name: string;
  kind: "file" | "dir";
  /** A file's size; for a folder, the total size of the files below it. */
  size: number;
  version?: string;
}

export interface DriveInfo {
  /** "C:" */
  letter: string;
  sizeBytes: number;
  freeBytes: number;
}

export type FsChangeKind = "write" | "delete" | "mkdir" | "move" | "copy";

export interface FsChange {
  kind: FsChangeKind;
  path: string;
  to?: string;
}

export interface FileSystemOptions {
  drives: DriveSpec[];
  onChange?: (change: FsChange) => void;
}
