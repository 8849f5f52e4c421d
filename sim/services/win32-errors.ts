/** The Win32 errors the service control manager reports, with Windows' own wording. */
export const WIN32 = {
  FILE_NOT_FOUND: 2,
  DEPENDENT_SERVICES_RUNNING: 1051,
  INVALID_SERVICE_ACCOUNT: 1057,
  SERVICE_DISABLED: 1058,
  CIRCULAR_DEPENDENCY: 1059,
  SERVICE_DOES_NOT_EXIST: 1060,
  SERVICE_CANNOT_ACCEPT_CTRL: 1061,
  PROCESS_ABORTED: 1067,
  SERVICE_DEPENDENCY_FAIL: 1068,
  SERVICE_LOGON_FAILED: 1069,
  SERVICE_MARKED_FOR_DELETE: 1072,
  SERVICE_EXISTS: 1073,
  SERVICE_DEPENDENCY_DELETED: 1075,
  WSAEADDRINUSE: 10048,
} as const;

export const WIN32_MESSAGES: Readonly<Record<number, string>> = {
  [WIN32.FILE_NOT_FOUND]: "The system cannot find the file specified.",
  [WIN32.DEPENDENT_SERVICES_RUNNING]: "A stop control has been sent to a service that other running services are dependent on.",
  [WIN32.INVALID_SERVICE_ACCOUNT]: "The account name is invalid or does not exist, or the password is invalid for the account name specified.",
  [WIN32.SERVICE_DISABLED]: "The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.",
  [WIN32.CIRCULAR_DEPENDENCY]: "Circular service dependency was specified.",
  [WIN32.SERVICE_DOES_NOT_EXIST]: "The specified service does not exist as an installed service.",
  [WIN32.SERVICE_CANNOT_ACCEPT_CTRL]: "The service cannot accept control messages at this time.",
  [WIN32.PROCESS_ABORTED]: "The process terminated unexpectedly.",
  [WIN32.SERVICE_DEPENDENCY_FAIL]: "The dependency service or group failed to start.",
  [WIN32.SERVICE_LOGON_FAILED]: "The service did not start due to a logon failure.",
  [WIN32.SERVICE_MARKED_FOR_DELETE]: "The specified service has been marked for deletion.",
  [WIN32.SERVICE_EXISTS]: "The specified service already exists.",
  [WIN32.SERVICE_DEPENDENCY_DELETED]: "The dependency service does not exist or has been marked for deletion.",
  [WIN32.WSAEADDRINUSE]: "Only one usage of each socket address (protocol/network address/port) is normally permitted.",
};

/** Windows' sentence for the error followed by what the lab knows about this case. */
export function win32Reason(error: number, detail: string): string {
  const message = WIN32_MESSAGES[error] ?? `Win32 error ${error}.`;
  return `${message} ${detail}`;
}
