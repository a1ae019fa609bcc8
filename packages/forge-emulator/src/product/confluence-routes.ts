import { isConfluenceAdmin } from './permissions.js';
import type { RouteTable } from './router.js';
import type { FixtureSite, ProductReply, ProductRequest, SitePage } from './types.js';

export const confluenceError = (status: number, message: string): ProductReply => ({ status, body: { statusCode: status, message, data: { authorized: false, valid: false, errors: [] } } });

const PAGE_ID_BASE = 100_000;

/** Page numbers of a set of space ids (all pages when undefined), ascending. */
function* pagesOf(site: FixtureSite, spaceIds: Set<string> | undefined, from: number): Generator<SitePage> {
  for (let n = from; n <= site.pageCount; n++) {
    const p = site.page(n);
    if (spaceIds === undefined || spaceIds.has(p.spaceId)) yield p;
  }
}

/** `GET /wiki/api/v2/pages`: cursor paging (limit 1..250, default 25), optional `space-id`. */
function listPages(req: ProductRequest): ProductReply {
  const limit = Number(req.query.get('limit') ?? 25);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) return { status: 400, body: { errors: [{ status: 400, code: 'INVALID_REQUEST_PARAMETER', title: 'limit must be 1..250', detail: null }] } };
  const spaceParam = req.query.get('space-id');
  const spaceIds = spaceParam === null ? undefined : new Set(spaceParam.split(','));
  const cursor = req.query.get('cursor');
  const from = cursor === null ? 1 : Number(Buffer.from(cursor, 'base64url').toString('utf8')) - PAGE_ID_BASE;
  if (!Number.isInteger(from) || from < 1) return { status: 400, body: { errors: [{ status: 400, code: 'INVALID_REQUEST_PARAMETER', title: 'Invalid cursor', detail: null }] } };
  const results: SitePage[] = [];
  let next: SitePage | undefined;
  for (const p of pagesOf(req.site, spaceIds, from)) {
    if (results.length === limit) {
      next = p;
      break;
    }
    results.push(p);
  }
  const links: Record<string, string> = { base: `${req.site.baseUrl}/wiki` };
  if (next !== undefined) {
    const q = new URLSearchParams(req.query);
    q.set('cursor', Buffer.from(next.id).toString('base64url'));
    links.next = `/wiki/api/v2/pages?${q.toString()}`;
  }
  return { status: 200, body: { results, _links: links } };
}

/** `GET /wiki/rest/api/search?cql=`: `type = page` and `space = KEY` / `space in (...)` joined by AND; start/limit paging. */
function searchCql(req: ProductRequest): ProductReply {
  const cql = req.query.get('cql') ?? '';
  let spaceKeys: string[] | undefined;
  for (const clause of cql.split(/\band\b/i)) {
    const m = /^\s*(type|space|space\.key)\s*(=|in)\s*\(?\s*([^)]*?)\s*\)?\s*$/i.exec(clause);
    const values = (m?.[3] ?? '').split(',').map((v) => v.trim().replace(/^["']|["']$/g, ''));
    if (m !== null && m[1]?.toLowerCase() === 'type' && values.every((v) => v === 'page')) continue;
    if (m !== null && m[1]?.toLowerCase() !== 'type') {
      spaceKeys = values;
      continue;
    }
    return confluenceError(400, `[forge-emulator] CQL '${clause.trim()}' is not emulated (only type = page and space = KEY joined by AND); see the emulator's DIFFERENCES.md`);
  }
  const start = Number(req.query.get('start') ?? 0);
  const limit = Math.min(Number(req.query.get('limit') ?? 25), 100);
  const spaceIds = spaceKeys === undefined ? undefined : new Set(req.site.spaces.filter((s) => spaceKeys.includes(s.key)).map((s) => s.id));
  const all = [...pagesOf(req.site, spaceIds, 1)];
  const slice = all.slice(start, start + limit);
  const results = slice.map((p) => {
    const space = req.site.spaces.find((s) => s.id === p.spaceId);
    return { content: { id: p.id, type: 'page', status: 'current', title: p.title, space: { key: space?.key, name: space?.name } }, title: p.title, url: `/spaces/${space?.key ?? ''}/pages/${p.id}`, lastModified: p.version.createdAt, entityType: 'content' };
  });
  const links: Record<string, string> = { base: `${req.site.baseUrl}/wiki` };
  if (start + limit < all.length) links.next = `/rest/api/search?cql=${encodeURIComponent(cql)}&start=${start + limit}&limit=${limit}`;
  return { status: 200, body: { results, start, limit, size: results.length, totalSize: all.length, _links: links } };
}

function currentUser(req: ProductRequest): ProductReply {
  const admin = isConfluenceAdmin(req.site, req.principal);
  if (req.principal.kind === 'app') return { status: 200, body: { type: 'app', accountId: 'forge-app', accountType: 'app', displayName: 'Forge app', publicName: 'Forge app' } };
  const u = req.site.findUser(req.principal.accountId);
  const body: Record<string, unknown> = { type: 'known', accountId: req.principal.accountId, accountType: 'atlassian', email: u?.emailAddress ?? '', publicName: u?.displayName ?? '', displayName: u?.displayName ?? '' };
  if ((req.query.get('expand') ?? '').split(',').includes('operations')) {
    body.operations = [{ operation: 'use', targetType: 'application' }, ...(admin ? [{ operation: 'administer', targetType: 'application' }] : [])];
  }
  return { status: 200, body };
}

/**
 * `POST /wiki/rest/api/content/{id}/permission/check` for a user subject and the operations `read` and
 * `update`: fixture pages carry no restrictions, so every site user may read and edit them (**guess**
 * for an unrestricted space). Other subjects and operations answer 400 naming DIFFERENCES.md.
 */
function contentPermissionCheck(req: ProductRequest): ProductReply {
  if (req.site.findPage(req.params.id ?? '') === undefined) return confluenceError(404, `No content found with id: ${req.params.id ?? ''}`);
  const b = (req.body ?? {}) as { subject?: { type?: unknown; identifier?: unknown }; operation?: unknown };
  if (b.subject?.type !== 'user' || typeof b.subject.identifier !== 'string') {
    return confluenceError(400, "[forge-emulator] permission/check is emulated for subject { type: 'user', identifier: accountId } only; see the emulator's DIFFERENCES.md");
  }
  if (b.operation !== 'read' && b.operation !== 'update') {
    return confluenceError(400, `[forge-emulator] permission/check operation '${String(b.operation)}' is not emulated (only read and update); see the emulator's DIFFERENCES.md`);
  }
  if (req.site.findUser(b.subject.identifier) === undefined) return confluenceError(404, `No user found with accountId: ${b.subject.identifier}`);
  return { status: 200, body: { hasPermission: true, errors: [] } };
}

/** Registers the built-in Confluence routes of the fixture site. */
export function registerConfluenceRoutes(t: RouteTable): void {
  t.add('confluence', 'GET', '/wiki/api/v2/pages', listPages);
  t.add('confluence', 'GET', '/wiki/api/v2/pages/{id}', (req) => {
    const p = req.site.findPage(req.params.id ?? '');
    return p === undefined ? { status: 404, body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] } } : { status: 200, body: p };
  });
  t.add('confluence', 'GET', '/wiki/api/v2/spaces', (req) => ({
    status: 200, body: { results: req.site.spaces.map((s) => ({ ...s, type: 'global', status: 'current' })), _links: { base: `${req.site.baseUrl}/wiki` } },
  }));
  t.add('confluence', 'GET', '/wiki/api/v2/spaces/{id}', (req) => {
    const s = req.site.spaces.find((x) => x.id === req.params.id);
    return s === undefined ? { status: 404, body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] } } : { status: 200, body: { ...s, type: 'global', status: 'current' } };
  });
  t.add('confluence', 'GET', '/wiki/rest/api/search', searchCql);
  t.add('confluence', 'POST', '/wiki/rest/api/content/{id}/permission/check', contentPermissionCheck);
  t.add('confluence', 'GET', '/wiki/rest/api/user/current', currentUser);
  t.add('confluence', 'GET', '/wiki/rest/api/user', (req) => {
    const u = req.site.findUser(req.query.get('accountId') ?? '');
    if (u === undefined) return confluenceError(404, `No user found with accountId: ${req.query.get('accountId') ?? ''}`);
    return { status: 200, body: { type: 'known', accountId: u.accountId, accountType: 'atlassian', email: u.emailAddress, publicName: u.displayName, displayName: u.displayName } };
  });
  t.add('confluence', 'GET', '/wiki/rest/api/user/memberof', (req) => {
    const who = { kind: 'user' as const, accountId: req.query.get('accountId') ?? '' };
    const groups = ['confluence-users', ...(isConfluenceAdmin(req.site, who) ? ['confluence-administrators'] : [])];
    return { status: 200, body: { results: groups.map((name) => ({ type: 'group', name })), start: 0, limit: 200, size: groups.length } };
  });
}
