/** What a registry write did, for a host to trace. */
export interface RegistryChange {
  readonly kind: "set-value" | "delete-value" | "create-key" | "delete-key";
  /** The physical key path (after WOW64 redirection and HKCR mapping), e.g. "HKLM\SOFTWARE\WOW6432Node\ANIXIS". */
  readonly path: string;
  /** The value name, for value changes ("" is the default value). */
  readonly name?: string;
}
