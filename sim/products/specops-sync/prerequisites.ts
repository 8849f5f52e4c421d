import { isServerAtLeast, isWindowsAtLeast, type OsInfo } from "../../host/index.ts";
import type { FeatureId, HostRole } from "../../lab-spec.ts";
import { SPS_ADMIN, SPS_PCN, SPS_SERVER, type SpsComponent } from "./versions.ts";

/** What the prerequisite checks read of a host: nothing they could change. */
export interface PrereqHostView {
  readonly name: string;
  readonly os: OsInfo;
  readonly role: HostRole;
  readonly joined: boolean;
  hasFeature(feature: FeatureId): boolean;
}

/** Who runs the Setup Assistant, as the directory sees them. */
export interface PrereqOperator {
  readonly name: string;
  /** Member (nested) of Domain Admins or Enterprise Admins. */
  readonly isDomainOrEnterpriseAdmin: boolean;
}

export interface PrereqResult {
  readonly rule: string;
  readonly ok: boolean;
  /** What was found, in words (the evidence's text). */
  readonly detail: string;
}

/**
 * The document's system requirements for one component on one host, each
 * as a result (met or not) so a caller can raise the misses and mark the
 * rest as checked. Pure: the same view gives the same answer.
 */
export function checkPrerequisites(component: SpsComponent, host: PrereqHostView, operator?: PrereqOperator): PrereqResult[] {
  switch (component) {
    case SPS_PCN:
      return [serverOs("sps.req.pcn.os", host), writableDc(host)];
    case SPS_SERVER:
      return [serverOs("sps.req.sync.os", host), member("sps.req.sync.member", host), dotnet4("sps.req.sync.dotnet", host)];
    case SPS_ADMIN:
      return [
        clientOs(host),
        member("sps.req.admin.member", host),
        feature("sps.req.admin.gpmc", host, "gpmc", "the Group Policy Management Console"),
        dotnet4("sps.req.admin.dotnet", host),
        ...(operator ? [domainAdmin(operator)] : []),
      ];
  }
}

/** The misses only. */
export function unmetPrerequisites(component: SpsComponent, host: PrereqHostView, operator?: PrereqOperator): PrereqResult[] {
  return checkPrerequisites(component, host, operator).filter((r) => !r.ok);
}

function serverOs(rule: string, host: PrereqHostView): PrereqResult {
  const ok = isServerAtLeast(host.os, "windows-server-2008");
  return { rule, ok, detail: `${host.name} runs ${host.os.name}; Windows Server 2008 or later is required` };
}

function clientOs(host: PrereqHostView): PrereqResult {
  const ok = isWindowsAtLeast(host.os, "windows-7");
  return { rule: "sps.req.admin.os", ok, detail: `${host.name} runs ${host.os.name}; Windows 7 or later is required` };
}

function writableDc(host: PrereqHostView): PrereqResult {
  const what = host.role === "dc" ? "a writable domain controller" : host.role === "rodc" ? "a read-only domain controller" : `not a domain controller (${host.role})`;
  return { rule: "sps.req.pcn.writable-dc", ok: host.role === "dc", detail: `${host.name} is ${what}` };
}

function member(rule: string, host: PrereqHostView): PrereqResult {
  return { rule, ok: host.joined, detail: host.joined ? `${host.name} is a domain member` : `${host.name} is not joined to a domain` };
}

function dotnet4(rule: string, host: PrereqHostView): PrereqResult {
  return feature(rule, host, "dotnet-4.0", ".NET Framework 4.0 or later");
}

function feature(rule: string, host: PrereqHostView, id: FeatureId, name: string): PrereqResult {
  const ok = host.hasFeature(id);
  return { rule, ok, detail: `${host.name} ${ok ? "has" : "lacks"} ${name}` };
}

function domainAdmin(operator: PrereqOperator): PrereqResult {
  return {
    rule: "sps.admin.domain-admin",
    ok: operator.isDomainOrEnterpriseAdmin,
    detail: `${operator.name} is ${operator.isDomainOrEnterpriseAdmin ? "" : "neither "}a Domain Admin ${operator.isDomainOrEnterpriseAdmin ? "or" : "nor an"} Enterprise Admin`,
  };
}
