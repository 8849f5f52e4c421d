import { isLabError } from "./errors.ts";

/** The code of the LabError `run` throws; undefined when it returns, a note when it throws something else. */
export function errorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isLabError(error) ? error.code : `not a LabError: ${String(error)}`;
  }
  return undefined;
}
