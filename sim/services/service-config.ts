import { LabError } from "../kernel/index.ts";
import { parseServiceAccount } from "./service-account.ts";
import type { ServiceConfig, ServiceConfigView, ServicePort, StartType } from "./service-types.ts";

/** The SCM's own copy of a configuration: defaults filled in, password kept apart from views. */
export interface StoredServiceConfig extends ServiceConfigView {
  password?: string;
}

export const DEFAULT_START_DELAY_MS = 500;
export const DEFAULT_STOP_DELAY_MS = 300;

const START_TYPES: readonly StartType[] = ["auto", "auto-delayed", "manual", "disabled"];
const KNOWN_KEYS = new Set(["name", "displayName", "binaryPath", "startType", "account", "password", "dependencies", "ports", "startDelayMs", "stopDelayMs", "description"]);

function invalid(name: string, message: string, details: Record<string, unknown> = {}): LabError {
  return new LabError({ code: "INVALID_SERVICE_CONFIG", message: `service "${name}": ${message}`, details: { service: name, ...details } });
}

export function validateServiceName(name: unknown): string {
  if (typeof name !== "string" || name.trim() === "" || name.length > 256 || /[\\/]/.test(name)) {
    throw new LabError({
      code: "INVALID_SERVICE_NAME",
      message: `service name ${JSON.stringify(name)} must be 1 to 256 characters without / or \\`,
      details: { name },
    });
  }
  return name;
}

/** Checks a full configuration and fills in defaults; bad fields are refused with the field named. */
export function resolveServiceConfig(config: ServiceConfig): StoredServiceConfig {
  if (typeof config !== "object" || config === null) throw new LabError({ code: "INVALID_SERVICE_CONFIG", message: "a service configuration object is required" });
  const name = validateServiceName(config.name);
  for (const key of Object.keys(config)) if (!KNOWN_KEYS.has(key)) throw invalid(name, `unknown setting "${key}"`);
  if (typeof config.binaryPath !== "string" || config.binaryPath.trim() === "") throw invalid(name, "binaryPath is required");
  if (!START_TYPES.includes(config.startType)) throw invalid(name, `startType must be one of ${START_TYPES.join(", ")}, got ${JSON.stringify(config.startType)}`);
  parseServiceAccount(config.account);
  if (config.password !== undefined && typeof config.password !== "string") throw invalid(name, "password must be a string");
  const dependencies = resolveDependencies(name, config.dependencies);
  const ports = resolvePorts(name, config.ports);
  const startDelayMs = resolveDelay(name, "startDelayMs", config.startDelayMs, DEFAULT_START_DELAY_MS);
  const stopDelayMs = resolveDelay(name, "stopDelayMs", config.stopDelayMs, DEFAULT_STOP_DELAY_MS);
  const stored: StoredServiceConfig = {
    name,
    displayName: config.displayName ?? name,
    binaryPath: config.binaryPath,
    startType: config.startType,
    account: config.account.trim(),
    dependencies,
    ports,
    startDelayMs,
    stopDelayMs,
  };
  if (config.description !== undefined) stored.description = config.description;
  if (config.password !== undefined) stored.password = config.password;
  return stored;
}

/** The configuration without its password, as callers and the trace may see it. */
export function viewOf(config: StoredServiceConfig): ServiceConfigView {
  const { password: _password, ...view } = config;
  return { ...view, dependencies: [...view.dependencies], ports: view.ports.map((p) => ({ ...p })) };
}

function resolveDependencies(name: string, deps: unknown): string[] {
  if (deps === undefined) return [];
  if (!Array.isArray(deps)) throw invalid(name, "dependencies must be a list of service names");
  const out: string[] = [];
  for (const dep of deps) {
    validateServiceName(dep);
    if ((dep as string).toLowerCase() === name.toLowerCase()) {
      throw new LabError({ code: "CIRCULAR_DEPENDENCY", message: `service "${name}" cannot depend on itself`, details: { service: name, windowsError: 1059 } });
    }
    if (!out.some((d) => d.toLowerCase() === (dep as string).toLowerCase())) out.push(dep as string);
  }
  return out;
}

function resolvePorts(name: string, ports: unknown): ServicePort[] {
  if (ports === undefined) return [];
  if (!Array.isArray(ports)) throw invalid(name, "ports must be a list of { protocol, port }");
  const out: ServicePort[] = [];
  for (const p of ports as ServicePort[]) {
    if (!p || (p.protocol !== "udp" && p.protocol !== "tcp") || !Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      throw invalid(name, `port ${JSON.stringify(p)} must be { protocol: "udp" | "tcp", port: 1..65535 }`);
    }
    if (out.some((q) => q.protocol === p.protocol && q.port === p.port)) throw invalid(name, `port ${p.protocol}/${p.port} is listed twice`);
    out.push({ protocol: p.protocol, port: p.port });
  }
  return out;
}

function resolveDelay(name: string, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalid(name, `${field} must be a non-negative number of ms, got ${String(value)}`);
  return value;
}
