import { RequestHandler } from "msw";

type Params = Record<string, string>;

/** What a route's resolver is given: the request, its URL as the route parsed it, the path pattern's named groups. */
export type TargetResolver = (info: { request: Request; url: URL; params: Params }) => Response | Promise<Response>;

interface Parsed {
  readonly url: URL;
  readonly params: Params;
}

/**
 * An msw request handler for one method and path of a target's API, at any
 * origin, its parameters the path pattern's named groups. msw's `http.*`
 * handlers compile their path pattern and read msw's cookie store for every
 * request they see (a quarter of a provider call's CPU); the targets need
 * neither.
 * `run` is msw's own minus what the targets never use, which cost more
 * than the rest of an exchange: the request's clone (for logging, which
 * getResponse never does), the abort listener and its AbortController
 * (aborted, with a DOMException, after every answer) for `finalize`
 * callbacks, and once/generator resolvers.
 */
export class TargetRoute extends RequestHandler<{ header: string }, Parsed | undefined, { params: Params }> {
  readonly #method: string;
  readonly #path: RegExp;
  readonly #resolve: TargetResolver;

  /** `method` "*" matches any method. */
  constructor(method: string, path: RegExp, resolve: TargetResolver) {
    super({ info: { header: `${method} ${path.source}` }, resolver: resolve });
    this.#method = method;
    this.#path = path;
    this.#resolve = resolve;
  }

  override async parse({ request }: { request: Request }): Promise<Parsed | undefined> {
    return this.#match(request);
  }

  /** `parse` without its promise: `run` need not wait a turn for it. */
  #match(request: Request): Parsed | undefined {
    const url = new URL(request.url);
    const m = this.#path.exec(url.pathname);
    if (!m) return undefined;
    const params: Params = {};
    for (const [name, value] of Object.entries(m.groups ?? {})) params[name] = decodeURIComponent(value);
    return { url, params };
  }

  predicate({ request, parsedResult }: { request: Request; parsedResult: Parsed | undefined }): boolean {
    return parsedResult !== undefined && (this.#method === "*" || request.method === this.#method);
  }

  override async run({ request, requestId }: { request: Request; requestId: string }): ReturnType<RequestHandler["run"]> {
    const parsedResult = this.#match(request);
    if (!this.predicate({ request, parsedResult })) return null;
    this.isUsed = true;
    const response = await this.#resolve({ request, url: parsedResult!.url, params: parsedResult!.params });
    return { handler: this, request, requestId, response, parsedResult };
  }

  // getResponse never logs; a handler must say how it would.
  log(): void {}
}
