import { hash } from "node:crypto";
import { getResponse, HttpResponse, type RequestHandler } from "msw";
import { LabError, memoPure } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { TargetRoute } from "./target-route.ts";

/**
 * The systems passwords are synced to, faked as HTTP services with msw:
 * a "cloud directory" REST API and an "HR system" SOAP endpoint. Their
 * answers (status, body) come from msw handlers over this object's state;
 * their timing is lab time, carried back in a header, never real time.
 */
export type TargetKind = "cloud-directory" | "hr-system";
export const TARGET_KINDS: readonly TargetKind[] = ["cloud-directory", "hr-system"];

export interface TargetDefinition {
  readonly name: string;
  readonly kind: TargetKind;
  readonly baseUrl: string;
}

/** The lab's two target systems (every lab has them; policies choose which a user syncs to). */
export const DEFAULT_TARGETS: readonly TargetDefinition[] = [
  { name: "cloud", kind: "cloud-directory", baseUrl: "https://cloud.example" },
  { name: "hr", kind: "hr-system", baseUrl: "https://hr.example" },
];

export type TargetMode =
  | { readonly state: "up" }
  | { readonly state: "down" }
  | { readonly state: "slow"; readonly delayMs: number }
  | { readonly state: "error"; readonly status: number };

export interface ReceivedPassword {
  readonly digest: string;
  readonly atMs: number;
  readonly changeId: string;
}

/** Header carrying the target's processing time in lab ms (its answer is that late). */
export const PROCESSING_HEADER = "x-lab-processing-ms";
/** Header carrying the caller's deadline in lab ms: a target that cannot answer by then rolls the write back. */
export const DEADLINE_HEADER = "x-lab-deadline-ms";
export const CHANGE_ID_HEADER = "x-lab-change-id";

/** What a target stores: a digest of the password, never the password. */
export function passwordDigest(user: string, password: string): string {
  return hash("sha256", `${user.toLowerCase()}\u0000${password}`, "hex").slice(0, 16);
}

interface TargetRecord {
  readonly definition: TargetDefinition;
  /** The base URL's origin, which requests are matched on. */
  readonly origin: string;
  readonly received: Map<string, ReceivedPassword>;
  requests: number;
}

export class TargetSystems {
  /**
   * Which lab's systems a request in flight is addressed to: the handlers
   * are shared by every lab, and each request names its lab's systems here
   * for the time of the exchange, so no lab's state is kept outside its
   * Lab and labs never see each other's writes.
   */
  static readonly #systemsOf = new WeakMap<Request, TargetSystems>();

  /**
   * The target systems' HTTP APIs as msw handlers, one per kind, for any
   * origin (the handler finds the lab's target of its kind there), and a
   * catch-all.
   * Created once (a pure function of constants): msw captures a stack trace
   * for every handler it creates, a measurable part of building each lab.
   */
  static readonly #handlers: RequestHandler[] = [
    new TargetRoute("PUT", /^\/api\/v1\/users\/(?<user>[^/]+)\/password$/, async ({ request, url, params }) => {
      const to = TargetSystems.#addressed(request, url, "cloud-directory");
      if (!to) return HttpResponse.error();
      const body = (await request.json().catch(() => ({}))) as { password?: unknown };
      return to.systems.#answer(to.record, request, String(params.user), typeof body.password === "string" ? body.password : undefined, "rest");
    }),
    new TargetRoute("POST", /^\/PasswordService\.asmx$/, async ({ request, url }) => {
      const to = TargetSystems.#addressed(request, url, "hr-system");
      if (!to) return HttpResponse.error();
      const xml = await request.text();
      return to.systems.#answer(to.record, request, xmlField(xml, "UserName") ?? "", xmlField(xml, "NewPassword"), "soap");
    }),
    // Anything else fails like an unreachable host: the lab never reaches the real network.
    new TargetRoute("*", /^/, () => HttpResponse.error()),
  ];

  /** The lab's systems and its target of `kind` at the request's origin; undefined: nothing listens there. */
  static #addressed(request: Request, url: URL, kind: TargetKind): { systems: TargetSystems; record: TargetRecord } | undefined {
    const systems = TargetSystems.#systemsOf.get(request);
    if (!systems) throw new LabError({ code: "SPS_TARGET_UNROUTED", message: `${request.method} ${request.url} reached the target handlers outside TargetSystems.fetch` });
    const origin = url.origin;
    for (const record of systems.#targets.values()) {
      if (record.definition.kind === kind && record.origin === origin) return { systems, record };
    }
    return undefined;
  }

  readonly #targets = new Map<string, TargetRecord>();
  readonly #overrides = new Map<string, TargetMode>();

  constructor(
    private readonly lab: Pick<Lab, "clock" | "faults">,
    definitions: readonly TargetDefinition[] = DEFAULT_TARGETS,
  ) {
    for (const d of definitions) this.#targets.set(d.name.toLowerCase(), { definition: d, origin: new URL(d.baseUrl).origin, received: new Map(), requests: 0 });
  }

  list(): TargetDefinition[] {
    return [...this.#targets.values()].map((t) => t.definition);
  }

  get(name: string): TargetDefinition | undefined {
    return this.#targets.get(name.toLowerCase())?.definition;
  }

  require(name: string): TargetDefinition {
    const t = this.get(name);
    if (!t) throw new LabError({ code: "SPS_TARGET_UNKNOWN", message: `no target system "${name}"; the lab has: ${this.list().map((d) => d.name).join(", ")}` });
    return t;
  }

  /** The mode of a target now: an explicit override, else the product faults, else up. */
  mode(name: string): TargetMode {
    const key = name.toLowerCase();
    const override = this.#overrides.get(key);
    if (override) return override;
    const applies = (fault: string): boolean => {
      if (!this.lab.faults.isActive(fault)) return false;
      const target = String(this.lab.faults.param(fault, "target", "*")).toLowerCase();
      return target === "*" || target === key;
    };
    if (applies("sps-target-down")) return { state: "down" };
    if (applies("sps-target-error")) return { state: "error", status: Number(this.lab.faults.param("sps-target-error", "status", 503)) };
    if (applies("sps-target-slow")) return { state: "slow", delayMs: Number(this.lab.faults.param("sps-target-slow", "delayMs", 45_000)) };
    return { state: "up" };
  }

  setMode(name: string, mode: TargetMode | undefined): void {
    this.require(name);
    if (mode) this.#overrides.set(name.toLowerCase(), mode);
    else this.#overrides.delete(name.toLowerCase());
  }

  /** What the target holds for a user (undefined: nothing ever arrived). */
  received(name: string, user: string): ReceivedPassword | undefined {
    return this.#targets.get(name.toLowerCase())?.received.get(user.toLowerCase());
  }

  requests(name: string): number {
    return this.#targets.get(name.toLowerCase())?.requests ?? 0;
  }

  /**
   * One HTTP exchange with this lab's target systems, as `fetch` would make
   * it: msw resolves the request with the targets' handlers (getResponse), and
   * a network error rejects with fetch's TypeError. Nothing patches the
   * global fetch, so nothing of a lab's calls outlives them, and a request
   * costs no interceptor set-up.
   */
  async fetch(request: Request): Promise<Response> {
    TargetSystems.#systemsOf.set(request, this);
    try {
      const response = await getResponse(TargetSystems.#handlers, request);
      // The catch-all handler answers everything else, so no answer is a network error too.
      if (!response || response.type === "error") throw new TypeError("Failed to fetch");
      return response;
    } finally {
      TargetSystems.#systemsOf.delete(request);
    }
  }

  #answer(record: TargetRecord, request: Request, user: string, password: string | undefined, style: "rest" | "soap"): Response {
    record.requests++;
    const mode = this.mode(record.definition.name);
    if (mode.state === "down") return HttpResponse.error();
    if (mode.state === "error") {
      return style === "rest"
        ? HttpResponse.json({ error: { code: "ServiceUnavailable", message: "The directory service is temporarily unavailable." } }, { status: mode.status })
        : soapFault(mode.status, "soap:Server", "PasswordService: the HR database is not available");
    }
    if (!user || password === undefined) {
      return style === "rest"
        ? HttpResponse.json({ error: { code: "BadRequest", message: "user and password are required" } }, { status: 400 })
        : soapFault(500, "soap:Client", "UserName and NewPassword are required");
    }
    const processingMs = mode.state === "slow" ? mode.delayMs : 0;
    const deadline = Number(request.headers.get(DEADLINE_HEADER) ?? Infinity);
    const headers = { [PROCESSING_HEADER]: String(processingMs) };
    // A target that cannot answer before the caller gives up rolls its write back.
    if (processingMs <= deadline) {
      record.received.set(user.toLowerCase(), {
        digest: passwordDigest(user, password),
        atMs: this.lab.clock.now() + processingMs,
        changeId: request.headers.get(CHANGE_ID_HEADER) ?? "",
      });
    }
    return style === "rest"
      ? new HttpResponse(null, { status: 204, headers })
      : HttpResponse.xml(soapEnvelope("<SetPasswordResponse xmlns=\"urn:hr\"><SetPasswordResult>OK</SetPasswordResult></SetPasswordResponse>"), { status: 200, headers });
  }
}

export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function soapFault(status: number, code: string, text: string): Response {
  return HttpResponse.xml(soapEnvelope(`<soap:Fault><faultcode>${code}</faultcode><faultstring>${xmlEscape(text)}</faultstring></soap:Fault>`), { status });
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlUnescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** The pattern of an element's text by its local name; memoized (pure): the providers ask for the same two or three names. */
const fieldPattern = memoPure((name: string) => new RegExp(`<(?:\\w+:)?${name}>([\\s\\S]*?)</(?:\\w+:)?${name}>`), 64);

export function xmlField(xml: string, name: string): string | undefined {
  const m = fieldPattern(name).exec(xml);
  return m ? xmlUnescape(m[1]!) : undefined;
}
