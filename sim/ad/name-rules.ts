import { LabError } from "../kernel/index.ts";

/** Characters AD refuses in a sAMAccountName. */
const SAM_FORBIDDEN = /["/\\[\]:;|=,+*?<>@]/;

export function validateSamAccountName(name: string, maxLength: number, what: string): void {
  if (typeof name !== "string" || name.length === 0 || name.length > maxLength || SAM_FORBIDDEN.test(name) || /^[. ]+$/.test(name)) {
    throw new LabError({
      code: "AD_INVALID_NAME",
      message: `"${String(name)}" is not a valid ${what} name (1-${maxLength} characters, none of " / \\ [ ] : ; | = , + * ? < > @, not only dots or spaces)`,
      details: { ldapCode: 19 },
    });
  }
}

/** NetBIOS computer names: 1-15 letters, digits and hyphens, not all digits. */
export function validateComputerName(name: string): void {
  if (!/^[A-Za-z0-9-]{1,15}$/.test(name) || /^[0-9]+$/.test(name)) {
    throw new LabError({
      code: "AD_INVALID_NAME",
      message: `"${name}" is not a valid computer name (1-15 letters, digits or hyphens, not all digits)`,
    });
  }
}

/** A DNS domain name with at least two labels, e.g. corp.example. */
export function validateDnsDomain(name: string): void {
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
  const labels = name.split(".");
  if (labels.length < 2 || !labels.every((l) => label.test(l))) {
    throw new LabError({ code: "AD_INVALID_DOMAIN", message: `"${name}" is not a DNS domain name like corp.example` });
  }
}

export function validateNetbiosDomain(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/.test(name)) {
    throw new LabError({ code: "AD_INVALID_DOMAIN", message: `"${name}" is not a NetBIOS domain name (1-15 letters, digits or hyphens)` });
  }
}
