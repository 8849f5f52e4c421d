export { FileSystem } from "./file-system.ts";
export { compareFileVersions, validateFileVersion } from "./file-version.ts";
export { FS_WINDOWS_ERRORS } from "./fs-errors.ts";
export { formatWindowsPath, normaliseWindowsPath, parseWindowsPath } from "./windows-path.ts";
export type { FsErrorCode } from "./fs-errors.ts";
export type { DriveInfo, DriveSpec, FileEntry, FileSystemOptions, FsChange, FsChangeKind, FsStat } from "./fs-types.ts";
export type { WindowsPath } from "./windows-path.ts";
