import { LabError } from "../kernel/index.ts";

/** A refusal of the IIS layer (what IIS Manager or appcmd would refuse), with a way out when there is one. */
export function iisError(code: string, message: string, remedy?: string, details?: Record<string, unknown>): LabError {
  return new LabError({ code, message, ...(remedy !== undefined ? { remedy } : {}), ...(details !== undefined ? { details } : {}) });
}
