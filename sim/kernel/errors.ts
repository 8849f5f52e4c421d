/**
 * The one error shape of the lab: a machine-readable code, the rule it breaks
 * (when any), what happened, and the documented way out.
 */
export interface LabErrorInit {
  code: string;
  message: string;
  ruleId?: string;
  remedy?: string;
  details?: Record<string, unknown>;
}

export class LabError extends Error {
  readonly code: string;
  readonly ruleId: string | undefined;
  readonly remedy: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: LabErrorInit) {
    super(init.message);
    this.name = "LabError";
    this.code = init.code;
    this.ruleId = init.ruleId;
    this.remedy = init.remedy;
    this.details = init.details ?? {};
  }

  toJSON(): LabErrorInit {
    return { code: this.code, message: this.message, ruleId: this.ruleId, remedy: this.remedy, details: { ...this.details } };
  }
}

export function isLabError(error: unknown): error is LabError {
  return error instanceof LabError;
}
