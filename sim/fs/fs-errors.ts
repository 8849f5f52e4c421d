import { LabError } from "../kernel/index.ts";

export type FsErrorCode =
  | "INVALID_PATH"
  | "NO_SUCH_DRIVE"
  | "FILE_NOT_FOUND"
  | "NOT_A_DIRECTORY"
  | "IS_A_DIRECTORY"
  | "ALREADY_EXISTS"
  | "DIRECTORY_NOT_EMPTY"
  | "DISK_FULL"
  | "SAME_PATH"
  | "INVALID_VERSION"
  | "INVALID_ARGUMENT";

/**
 * The Win32 error a real host would report for each code, so a product
 * procedure can show what an administrator would see.
 */
export const FS_WINDOWS_ERRORS: Readonly<Record<FsErrorCode, number | undefined>> = {
  INVALID_PATH: 123, // ERROR_INVALID_NAME
  NO_SUCH_DRIVE: 15, // ERROR_INVALID_DRIVE
  FILE_NOT_FOUND: 2, // ERROR_FILE_NOT_FOUND
  NOT_A_DIRECTORY: 267, // ERROR_DIRECTORY
  IS_A_DIRECTORY: 5, // ERROR_ACCESS_DENIED: Windows refuses to open a folder as a file
  ALREADY_EXISTS: 183, // ERROR_ALREADY_EXISTS
  DIRECTORY_NOT_EMPTY: 145, // ERROR_DIR_NOT_EMPTY
  DISK_FULL: 112, // ERROR_DISK_FULL
  SAME_PATH: undefined, // cmd's "cannot be copied onto itself" has no Win32 code of its own
  INVALID_VERSION: 87, // ERROR_INVALID_PARAMETER
  INVALID_ARGUMENT: 87, // ERROR_INVALID_PARAMETER
};

export function fsError(code: FsErrorCode, message: string, details: Record<string, unknown> = {}, remedy?: string): LabError {
  return new LabError({ code, message, remedy, details: { windowsError: FS_WINDOWS_ERRORS[code], ...details } });
}
