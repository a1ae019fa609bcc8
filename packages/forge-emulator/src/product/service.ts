import { registerConfluenceRoutes } from './confluence-routes.js';
import { registerJiraRoutes } from './jira-routes.js';
import { RouteTable } from './router.js';
import { createFixtureSite, resolveSiteOptions } from './site.js';
import type { FixtureSite, FixtureSiteOptions, HttpMethod, Principal, ProductApi, ProductReply, ProductRequest, UnservedRequest } from './types.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** What the SDK passes to `__forge_fetch__` for product calls (`type: 'fpp'`). */
export interface ProductTarget {
  provider?: unknown;
  remote?: unknown;
  accountId?: unknown;
}

/** Who runs the invocation making the call (read defensively: older contexts have no accountId). */
export interface Caller {
  installationId: string;
  accountId: string | undefined;
}

type GraphqlResolver = { match: string | RegExp; resolve: (variables: Record<string, unknown>, req: ProductRequest) => unknown };

export const NOT_EMULATED = 'see DIFFERENCES.md of @forge-queue/forge-emulator; register a route with emu.product.route()';

/** Product REST of every installation: built-in fixture-site routes, routes tests add, and the unserved log. */
export class ProductService implements ProductApi {
  private readonly table = new RouteTable();
  private readonly resolvers: GraphqlResolver[] = [];
  private readonly sites = new Map<string, FixtureSite>();
  private readonly log: UnservedRequest[] = [];
  private readonly siteOptions: Required<FixtureSiteOptions>;

  constructor(private readonly seed: number, siteOptions: FixtureSiteOptions | undefined, private readonly epochMs: number, private readonly now: () => number) {
    this.siteOptions = resolveSiteOptions(siteOptions);
    registerJiraRoutes(this.table);
    registerConfluenceRoutes(this.table);
  }

  route: ProductApi['route'] = (product, method, pattern, handler, opts) => {
    if (!['jira', 'confluence', 'graphql'].includes(product)) throw new TypeError(`[forge-emulator] product must be jira, confluence or graphql, got ${product as string}`);
    if (!METHODS.has(method)) throw new TypeError(`[forge-emulator] unsupported method ${method as string}`);
    return this.table.add(product, method, pattern, handler, opts?.installationId);
  };

  graphql: ProductApi['graphql'] = (match, resolve) => {
    const r = { match, resolve };
    this.resolvers.push(r);
    return () => {
      const i = this.resolvers.indexOf(r);
      if (i >= 0) this.resolvers.splice(i, 1);
    };
  };

  site(installationId: string): FixtureSite {
    let s = this.sites.get(installationId);
    if (s === undefined) {
      s = createFixtureSite(this.siteOptions, this.seed, installationId, this.epochMs);
      this.sites.set(installationId, s);
    }
    return s;
  }

  unserved(): UnservedRequest[] {
    return [...this.log];
  }

  /** Serves one `requestJira` / `requestConfluence` / `requestGraph` call. */
  async handle(caller: Caller, target: ProductTarget, rawPath: string, init: { method?: unknown; body?: unknown } | undefined): Promise<ProductReply> {
    const method = typeof init?.method === 'string' ? init.method.toUpperCase() : 'GET';
    const url = new URL(rawPath, 'http://site.invalid');
    const remote = typeof target.remote === 'string' ? target.remote : 'unknown';
    const product = remote === 'stargate' && url.pathname === '/graphql' ? 'graphql' : remote;
    const principal = resolvePrincipal(target, caller);
    const unserved = (reason: string): ProductReply => {
      this.log.push({ atMs: this.now(), installationId: caller.installationId, product, method, path: rawPath, principal: 'error' in principal ? undefined : principal, reason });
      const message = `[forge-emulator] ${method} ${rawPath} (${product}) is not emulated: ${reason}; ${NOT_EMULATED}`;
      return { status: 501, body: { code: 'NOT_EMULATED', message, errorMessages: [message], errors: [{ message, extensions: { code: 'NOT_EMULATED' } }] } };
    };
    if (product !== 'jira' && product !== 'confluence' && product !== 'graphql') return unserved(`the '${remote}' remote has no routes`);
    if ('error' in principal) return { status: 401, body: { code: 'NEEDS_AUTHENTICATION', message: principal.error, errorMessages: [principal.error] } };
    const body = parseBody(init?.body);
    const req: ProductRequest = {
      product, method: method as HttpMethod, path: url.pathname, params: {}, query: url.searchParams, body, principal,
      installationId: caller.installationId, site: this.site(caller.installationId), nowMs: this.now(),
    };
    if (product === 'graphql') {
      const query = typeof (body as { query?: unknown } | undefined)?.query === 'string' ? (body as { query: string }).query : '';
      const r = [...this.resolvers].reverse().find((x) => (typeof x.match === 'string' ? query.includes(x.match) : x.match.test(query)));
      if (r === undefined) return unserved('no GraphQL resolver matches the query (emu.product.graphql())');
      const variables = ((body as { variables?: unknown }).variables ?? {}) as Record<string, unknown>;
      return { status: 200, body: { data: await r.resolve(variables, req) } };
    }
    const m = this.table.match(product, method, url.pathname, caller.installationId);
    if (m === undefined) return unserved('no route serves it');
    return m.handler({ ...req, params: m.params });
  }
}

/** Who a product call runs as: the app, the account asUser() names, or the invocation's user. */
export function resolvePrincipal(target: ProductTarget, caller: Caller): Principal | { error: string } {
  if (target.provider !== 'user') return { kind: 'app' };
  const accountId = typeof target.accountId === 'string' ? target.accountId : caller.accountId;
  if (accountId === undefined) {
    return { error: '[forge-emulator] asUser() needs a user, and this invocation has none (triggers and consumers run without one): use asApp(), asUser(accountId), or invoke with an accountId' };
  }
  return { kind: 'user', accountId };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
