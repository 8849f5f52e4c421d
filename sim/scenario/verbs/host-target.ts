import { z } from "zod";
import type { Host } from "../../host/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";

/** Groups of hosts a step may name instead of listing them. */
export const HOST_ROLES = ["dcs", "members", "workstations", "joined", "all"] as const;
export type HostRoleSelector = (typeof HOST_ROLES)[number];

/** `host: X`, `hosts: [X, Y]` or `role: dcs`: exactly one of them. */
export interface HostTarget {
  host?: string | undefined;
  hosts?: string[] | undefined;
  role?: HostRoleSelector | undefined;
}

export const hostTargetShape = {
  host: z.string().min(1).optional(),
  hosts: z.array(z.string().min(1)).min(1).optional(),
  role: z.enum(HOST_ROLES).optional(),
};

export const ONE_TARGET_MESSAGE = `name the machines with exactly one of host: X, hosts: [X, Y] or role: ${HOST_ROLES.join(" | ")}`;

export function hasOneTarget(t: HostTarget): boolean {
  return [t.host, t.hosts, t.role].filter((v) => v !== undefined).length === 1;
}

/** The host names a target lists (a role names none: it is resolved at run time). */
export function targetNames(t: HostTarget): string[] {
  return [...(t.host !== undefined ? [t.host] : []), ...(t.hosts ?? [])];
}

/** The hosts a target stands for, in lab order for a role; a LabError when a role matches none. */
export function targetHosts(lab: Lab, t: HostTarget): Host[] {
  if (!hasOneTarget(t)) throw new LabError({ code: "VERB_BAD_TARGET", message: ONE_TARGET_MESSAGE });
  if (t.role === undefined) return [...new Map(targetNames(t).map((n) => lab.host(n)).map((h) => [h.name, h])).values()];
  const hosts = lab.hosts().filter((h) => roleMatches(h, t.role!));
  if (hosts.length === 0) throw new LabError({ code: "VERB_NO_HOSTS", message: `no host of the lab is in role "${t.role}"; hosts: ${lab.hostNames().join(", ")}` });
  return hosts;
}

function roleMatches(host: Host, role: HostRoleSelector): boolean {
  switch (role) {
    case "dcs":
      return host.isDomainController;
    case "members":
      return host.role === "member";
    case "workstations":
      return host.role === "workstation";
    case "joined":
      return host.joined;
    case "all":
      return true;
  }
}
