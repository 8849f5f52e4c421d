import { LabError } from "../kernel/index.ts";

/** The ".NET CLR version" of a pool as IIS Manager shows it. */
export type ManagedRuntimeVersion = "v2.0" | "v4.0" | "No Managed Code";
export type PipelineMode = "Integrated" | "Classic";
export type BuiltInIdentity = "ApplicationPoolIdentity" | "NetworkService" | "LocalService" | "LocalSystem";

/** The account the pool's worker process runs as; a custom account keeps its password out of every trace. */
export type PoolIdentity = { readonly type: BuiltInIdentity } | { readonly type: "SpecificUser"; readonly userName: string; readonly password: string };

/** An identity as snapshots and traces show it: the password stays inside the server. */
export type PoolIdentityInfo = { readonly type: BuiltInIdentity } | { readonly type: "SpecificUser"; readonly userName: string };

export type PoolState = "Started" | "Stopped";

export interface AppPool {
  readonly name: string;
  readonly managedRuntimeVersion: ManagedRuntimeVersion;
  readonly pipelineMode: PipelineMode;
  readonly identity: PoolIdentity;
  readonly enable32BitAppOnWin64: boolean;
  readonly state: PoolState;
}

/** A pool as `appPools()` returns it: data only, no password. */
export interface AppPoolInfo extends Omit<AppPool, "identity"> {
  readonly identity: PoolIdentityInfo;
  /** Why the pool stopped when it stopped by itself (a logon failure of its identity). */
  readonly lastError?: string;
}

export interface AppPoolOptions {
  managedRuntimeVersion?: ManagedRuntimeVersion;
  pipelineMode?: PipelineMode;
  identity?: PoolIdentity;
  enable32BitAppOnWin64?: boolean;
}

export const MANAGED_RUNTIME_VERSIONS: readonly ManagedRuntimeVersion[] = ["v2.0", "v4.0", "No Managed Code"];
const BUILT_IN: readonly BuiltInIdentity[] = ["ApplicationPoolIdentity", "NetworkService", "LocalService", "LocalSystem"];

/**
 * What a new pool gets on this IIS version: IIS 7.x defaults to CLR v2.0 (the
 * .NET 4 era starts with IIS 8 on Windows Server 2012); IIS 7.0 ran pools as
 * NetworkService before ApplicationPoolIdentity became the default in 7.5.
 */
export function defaultPoolOptions(iisVersion: number): Required<AppPoolOptions> {
  return {
    managedRuntimeVersion: iisVersion >= 8 ? "v4.0" : "v2.0",
    pipelineMode: "Integrated",
    identity: { type: iisVersion >= 7.5 ? "ApplicationPoolIdentity" : "NetworkService" },
    enable32BitAppOnWin64: false,
  };
}

export function validatePoolOptions(name: string, options: AppPoolOptions): void {
  if (options.managedRuntimeVersion !== undefined && !MANAGED_RUNTIME_VERSIONS.includes(options.managedRuntimeVersion)) {
    throw invalid(name, `.NET CLR version must be one of ${MANAGED_RUNTIME_VERSIONS.join(", ")}, got ${JSON.stringify(options.managedRuntimeVersion)}`);
  }
  if (options.pipelineMode !== undefined && options.pipelineMode !== "Integrated" && options.pipelineMode !== "Classic") {
    throw invalid(name, `pipeline mode must be Integrated or Classic, got ${JSON.stringify(options.pipelineMode)}`);
  }
  const identity = options.identity;
  if (identity !== undefined) {
    if (identity.type === "SpecificUser") {
      if (typeof identity.userName !== "string" || identity.userName.trim() === "") throw invalid(name, "a custom identity needs a user name");
      if (typeof identity.password !== "string") throw invalid(name, "a custom identity needs a password");
    } else if (!BUILT_IN.includes(identity.type)) {
      throw invalid(name, `identity must be SpecificUser or one of ${BUILT_IN.join(", ")}, got ${JSON.stringify(identity.type)}`);
    }
  }
}

/** The identity as traces and reports may show it: never the password. */
export function describeIdentity(identity: PoolIdentity): string {
  return identity.type === "SpecificUser" ? identity.userName : identity.type;
}

export function identityInfo(identity: PoolIdentity): PoolIdentityInfo {
  return identity.type === "SpecificUser" ? { type: "SpecificUser", userName: identity.userName } : { type: identity.type };
}

function invalid(name: string, message: string): LabError {
  return new LabError({ code: "IIS_APPPOOL_INVALID", message: `application pool "${name}": ${message}` });
}
