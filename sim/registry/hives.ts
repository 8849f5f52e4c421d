/** The root keys the lab models, by their short and long names. */
export type HiveId = "HKLM" | "HKCU" | "HKU" | "HKCR";

export interface HiveInfo {
  readonly id: HiveId;
  readonly longName: string;
}

export const HIVES: readonly HiveInfo[] = [
  { id: "HKLM", longName: "HKEY_LOCAL_MACHINE" },
  { id: "HKCU", longName: "HKEY_CURRENT_USER" },
  { id: "HKU", longName: "HKEY_USERS" },
  { id: "HKCR", longName: "HKEY_CLASSES_ROOT" },
];

/** Looks a root key up by its short or long name, in any case. */
export function findHive(name: string): HiveInfo | undefined {
  const upper = name.toUpperCase();
  return HIVES.find((h) => h.id === upper || h.longName === upper);
}

/**
 * HKEY_CLASSES_ROOT is not stored on its own: the lab maps it onto the
 * machine-wide HKLM\SOFTWARE\Classes (the per-user HKCU\Software\Classes
 * overlay Windows merges in is not modelled).
 */
export const CLASSES_ROOT_TARGET: readonly string[] = ["SOFTWARE", "Classes"];
