/** Public types of the product REST emulation (Jira, Confluence, the GraphQL gateway). */

export type ProductName = 'jira' | 'confluence' | 'graphql';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Who a product request runs as: the app (`asApp()`, plain `requestJira`) or a user (`asUser()`). */
export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string };

/** One product request, as a route handler sees it. */
export interface ProductRequest {
  product: ProductName;
  method: HttpMethod;
  /** Path without the query string, e.g. `/rest/api/3/issue/10001`. */
  path: string;
  /** `{name}` segments of the route pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
  principal: Principal;
  installationId: string;
  site: FixtureSite;
  /** The emulator's clock when the request was made (relative JQL dates, ...). */
  nowMs: number;
}

/** What a route answers: a status and a JSON body (or none for 204). */
export interface ProductReply {
  status: number;
  body?: unknown;
}

export type RouteHandler = (req: ProductRequest) => ProductReply | Promise<ProductReply>;

/** A request no route served (the app got a 501 naming DIFFERENCES.md). */
export interface UnservedRequest {
  atMs: number;
  installationId: string;
  /** `jira`, `confluence`, `graphql`, or the SDK's remote name for anything else (`bitbucket`, `stargate`). */
  product: string;
  method: string;
  /** Path with its query string, as the app sent it. */
  path: string;
  principal: Principal | undefined;
  reason: string;
}

export interface SiteUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** Jira ADMINISTER and Confluence administer/confluence-administrators. */
  admin: boolean;
}

export interface SiteProject {
  id: string;
  key: string;
  name: string;
}

export interface SiteSpace {
  id: string;
  key: string;
  name: string;
}

/** A Jira issue as `GET /rest/api/3/issue/{id}` returns it (a subset of the fields). */
export interface SiteIssue {
  id: string;
  key: string;
  self: string;
  fields: {
    summary: string;
    status: { name: string };
    issuetype: { name: string };
    priority: { name: string };
    project: SiteProject;
    labels: string[];
    created: string;
    updated: string;
    reporter: { accountId: string; displayName: string };
    assignee: { accountId: string; displayName: string } | null;
  };
}

/** A Confluence page as `GET /wiki/api/v2/pages` returns it. */
export interface SitePage {
  id: string;
  status: 'current';
  title: string;
  spaceId: string;
  parentId: string | null;
  authorId: string;
  createdAt: string;
  version: { number: number; createdAt: string };
}

/** Shape of the seeded fixture site (`createEmulator({ site })`). Every figure has a default. */
export interface FixtureSiteOptions {
  /** Jira issues, spread in equal blocks over the projects (DEMO-1..DEMO-n, then the next project). Default 50,000. */
  issues?: number;
  /** Project keys. Default `['DEMO', 'OPS']`. */
  projects?: string[];
  /** Confluence pages, spread in equal blocks over the spaces. Default 2,000. */
  pages?: number;
  /** Space keys. Default `['ENG', 'DOCS']`. */
  spaces?: string[];
  /** Site users. Default: one admin and one non-admin (see `FixtureSite.admin` / `.user`). */
  users?: SiteUser[];
}

/** The seeded fixture site of one installation: lists are small, issues and pages are generated on demand. */
export interface FixtureSite {
  readonly baseUrl: string;
  readonly users: readonly SiteUser[];
  /** The first admin user. */
  readonly admin: SiteUser;
  /** The first non-admin user. */
  readonly user: SiteUser;
  readonly projects: readonly SiteProject[];
  readonly spaces: readonly SiteSpace[];
  readonly issueCount: number;
  readonly pageCount: number;
  /** Issue number n (1..issueCount), the same for the same seed. */
  issue(n: number): SiteIssue;
  /** Id, key and self link of issue n, without generating its fields (cheap, for id/key-only searches). */
  issueRef(n: number): Pick<SiteIssue, 'id' | 'key' | 'self'>;
  /** Issue by id (`10001`) or key (`DEMO-1`); undefined when the site has none. */
  findIssue(idOrKey: string): SiteIssue | undefined;
  /** Page number n (1..pageCount). */
  page(n: number): SitePage;
  findPage(id: string): SitePage | undefined;
  /** Issue numbers [first, last] of a project (by key or id); undefined for an unknown project. */
  projectIssues(keyOrId: string): { first: number; last: number } | undefined;
  findUser(accountId: string): SiteUser | undefined;
}

/** `emu.product`: routes for tests and demos, the fixture sites and the log of unserved requests. */
export interface ProductApi {
  /**
   * Registers a route (for every installation, or one with `opts.installationId`). Patterns use `{name}`
   * segments; a later registration wins over earlier ones and over the built-in routes. Returns an unregister function.
   */
  route(product: ProductName, method: HttpMethod, pattern: string, handler: RouteHandler, opts?: { installationId?: string }): () => void;
  /** Serves GraphQL gateway (`requestGraph`) operations whose query text matches `match`. */
  graphql(match: string | RegExp, resolve: (variables: Record<string, unknown>, req: ProductRequest) => unknown): () => void;
  /** The fixture site of an installation. */
  site(installationId: string): FixtureSite;
  /** Every product request no route served, oldest first. */
  unserved(): UnservedRequest[];
}
