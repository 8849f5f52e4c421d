import { RequestHandler, type ResponseResolver } from "msw";

type Params = Record<string, string>;

/**
 * An msw request handler for one method and path of a target's API, at any
 * origin, its parameters the path pattern's named groups. msw's `http.*`
 * handlers compile their path pattern and read msw's cookie store for every
 * request they see (a quarter of a provider call's CPU); the targets need
 * neither.
 * The rest is msw's own: the request's clone, the resolver, the response.
 */
export class TargetRoute extends RequestHandler<{ header: string }, { params: Params } | undefined, { params: Params }> {
  readonly #method: string;
  readonly #path: RegExp;

  /** `method` "*" matches any method. */
  constructor(method: string, path: RegExp, resolver: ResponseResolver<{ params: Params }>) {
    super({ info: { header: `${method} ${path.source}` }, resolver });
    this.#method = method;
    this.#path = path;
  }

  override async parse({ request }: { request: Request }): Promise<{ params: Params } | undefined> {
    const m = this.#path.exec(new URL(request.url).pathname);
    if (!m) return undefined;
    const params: Params = {};
    for (const [name, value] of Object.entries(m.groups ?? {})) params[name] = decodeURIComponent(value);
    return { params };
  }

  predicate({ request, parsedResult }: { request: Request; parsedResult: { params: Params } | undefined }): boolean {
    return parsedResult !== undefined && (this.#method === "*" || request.method === this.#method);
  }

  override extendResolverArgs({ parsedResult }: { parsedResult: { params: Params } | undefined }): { params: Params } {
    return { params: parsedResult?.params ?? {} };
  }

  // getResponse never logs; a handler must say how it would.
  log(): void {}
}
