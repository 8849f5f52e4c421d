import { isLabError } from "../kernel/index.ts";
import { executableOf } from "./image-path.ts";
import { parseServiceAccount } from "./service-account.ts";
import type { ServiceAuthenticator } from "./service-types.ts";

/**
 * Why the account cannot log on, or undefined. Built-in accounts always can;
 * any other needs an authenticator (the directory), and a host with none
 * attached cannot vouch for it, so the start fails as it would on Windows.
 */
export function logonProblem(accountText: string, password: string | undefined, authenticator: ServiceAuthenticator | undefined, host: string): string | undefined {
  const account = parseServiceAccount(accountText);
  if (account.kind === "builtin") return undefined;
  if (!authenticator) return `No directory is attached to ${host} to verify account "${account.account}".`;
  let answer: ReturnType<ServiceAuthenticator["logon"]>;
  try {
    answer = authenticator.logon(account.account, password ?? "");
  } catch (error) {
    // A directory that cannot answer (no logon server) is a logon failure, not a crash.
    if (isLabError(error)) return `Account "${account.account}": ${error.message}`;
    throw error;
  }
  return answer.ok ? undefined : `Account "${account.account}": ${answer.reason}`;
}

/** Why the image path's executable cannot be run, or undefined. */
export function binaryProblem(service: string, imagePath: string, fileExists: (path: string) => boolean, host: string): string | undefined {
  const exe = executableOf(imagePath);
  try {
    if (fileExists(exe)) return undefined;
  } catch (error) {
    if (isLabError(error)) return `Executable "${exe}" of "${service}": ${error.message}`;
    throw error;
  }
  return `Executable "${exe}" of "${service}" is not on ${host}.`;
}
