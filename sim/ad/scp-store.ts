import { LabError } from "../kernel/index.ts";
import type { ScpView } from "./views.ts";

export interface ScpSpec {
  /** The SCP's CN, e.g. the product name. */
  readonly name: string;
  readonly keywords: readonly string[];
  readonly serviceBindingInformation: readonly string[];
  readonly serviceClassName?: string;
}

interface Scp {
  readonly name: string;
  readonly computer: string;
  keywords: string[];
  serviceBindingInformation: string[];
  serviceClassName: string | undefined;
}

/**
 * serviceConnectionPoint objects, each a child of a computer account. Keyed
 * by computer so the account's DN (which moves) is read when a view is made.
 */
export class ScpStore {
  readonly #byComputer = new Map<string, Map<string, Scp>>();

  /** Creates or updates (products republish at every upgrade); true when created. */
  publish(computer: string, spec: ScpSpec): boolean {
    if (!spec.name || /[,=+<>#;"\\]/.test(spec.name)) {
      throw new LabError({ code: "AD_INVALID_NAME", message: `"${spec.name}" is not a usable SCP name` });
    }
    if (spec.keywords.length === 0) throw new LabError({ code: "AD_BAD_SCP", message: "an SCP needs at least one keyword, or nobody can find it" });
    let scps = this.#byComputer.get(computer);
    if (!scps) this.#byComputer.set(computer, (scps = new Map()));
    const key = spec.name.toLowerCase();
    const existing = scps.get(key);
    const values = { keywords: [...spec.keywords], serviceBindingInformation: [...spec.serviceBindingInformation], serviceClassName: spec.serviceClassName };
    if (existing) {
      Object.assign(existing, values);
      return false;
    }
    scps.set(key, { name: spec.name, computer, ...values });
    return true;
  }

  remove(computer: string, name: string): boolean {
    return this.#byComputer.get(computer)?.delete(name.toLowerCase()) ?? false;
  }

  removeAll(computer: string): number {
    const n = this.#byComputer.get(computer)?.size ?? 0;
    this.#byComputer.delete(computer);
    return n;
  }

  /** SCPs carrying the keyword (compared case-insensitively, as the keywords attribute is), sorted by DN. */
  find(keyword: string, computerDn: (computer: string) => string): ScpView[] {
    const wanted = keyword.toLowerCase();
    const out: ScpView[] = [];
    for (const scps of this.#byComputer.values()) {
      for (const scp of scps.values()) {
        if (scp.keywords.some((k) => k.toLowerCase() === wanted)) out.push(toView(scp, computerDn(scp.computer)));
      }
    }
    return out.sort((a, b) => a.distinguishedName.localeCompare(b.distinguishedName));
  }

  of(computer: string, computerDn: string): ScpView[] {
    return [...(this.#byComputer.get(computer)?.values() ?? [])].map((s) => toView(s, computerDn));
  }
}

function toView(scp: Scp, computerDn: string): ScpView {
  return {
    name: scp.name,
    computer: scp.computer,
    distinguishedName: `CN=${scp.name},${computerDn}`,
    keywords: [...scp.keywords],
    serviceBindingInformation: [...scp.serviceBindingInformation],
    ...(scp.serviceClassName !== undefined ? { serviceClassName: scp.serviceClassName } : {}),
  };
}
