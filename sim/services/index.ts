export { ServiceControlManager } from "./service-control-manager.ts";
export { parseServiceAccount } from "./service-account.ts";
export { executableOf } from "./image-path.ts";
export { DEFAULT_START_DELAY_MS, DEFAULT_STOP_DELAY_MS } from "./service-config.ts";
export { WIN32, WIN32_MESSAGES } from "./win32-errors.ts";
export type { ServiceAccount } from "./service-account.ts";
export type {
  ServiceAuthenticator,
  ServiceConfig,
  ServiceConfigView,
  ServiceControlManagerOptions,
  ServiceError,
  ServicePort,
  ServiceState,
  ServiceStateListener,
  ServiceStatus,
  StartResult,
  StartType,
  StopResult,
} from "./service-types.ts";
