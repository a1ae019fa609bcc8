import { JqlError, parseJql, type JqlQuery } from './jql.js';
import { hasJiraPermission, JIRA_PERMISSIONS } from './permissions.js';
import type { RouteTable } from './router.js';
import type { FixtureSite, ProductReply, ProductRequest, SiteIssue } from './types.js';

const ISSUE_ID_BASE = 10_000;
export const jiraError = (status: number, message: string): ProductReply => ({ status, body: { errorMessages: [message], errors: {} } });

/** An issue with only the requested fields (`*all`/`*navigable` or none given: every field). */
function issueView(issue: SiteIssue, fields: string[] | undefined): Record<string, unknown> {
  if (fields === undefined || fields.some((f) => f === '*all' || f === '*navigable')) return { ...issue };
  const picked = Object.fromEntries(Object.entries(issue.fields).filter(([k]) => fields.includes(k)));
  return { id: issue.id, key: issue.key, self: issue.self, fields: picked };
}

const fieldList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? v.split(',').map((s) => s.trim()) : undefined;

/** Issue numbers the query can match, in its order, starting after the page token. */
function* candidates(site: FixtureSite, q: JqlQuery, from: number | undefined): Generator<number> {
  const ranges = q.projects === undefined ? [{ first: 1, last: site.issueCount }] : [...q.projects].flatMap((p) => site.projectIssues(p) ?? []);
  const lo = Math.max(1, q.minId - ISSUE_ID_BASE);
  const hi = Math.min(site.issueCount, q.maxId - ISSUE_ID_BASE);
  const clipped = ranges.map((r) => ({ first: Math.max(r.first, lo), last: Math.min(r.last, hi) })).filter((r) => r.first <= r.last);
  clipped.sort((a, b) => (q.order === 'asc' ? a.first - b.first : b.first - a.first));
  for (const r of clipped) {
    if (q.order === 'asc') for (let n = Math.max(r.first, from ?? r.first); n <= r.last; n++) yield n;
    else for (let n = Math.min(r.last, from ?? r.last); n >= r.first; n--) yield n;
  }
}

const encodeToken = (n: number): string => Buffer.from(`n:${n}`).toString('base64url');
function decodeToken(t: unknown): number | undefined | 'bad' {
  if (t === undefined || t === null || t === '') return undefined;
  const m = typeof t === 'string' ? /^n:(\d+)$/.exec(Buffer.from(t, 'base64url').toString('utf8')) : null;
  return m === null ? 'bad' : Number(m[1]);
}

/** The bounded JQL query of a search request, or the 400 reply Jira gives for it. */
function boundedQuery(b: Record<string, unknown>, nowMs: number): JqlQuery | ProductReply {
  let q: JqlQuery;
  try {
    q = parseJql(typeof b.jql === 'string' ? b.jql : '', nowMs);
  } catch (e) {
    if (e instanceof JqlError) return jiraError(400, `[forge-emulator] ${e.message}; see the emulator's DIFFERENCES.md`);
    throw e;
  }
  return q.bounded ? q : jiraError(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
}

/** `POST /rest/api/3/search/approximate-count`: `{ count }` of the issues a bounded JQL query matches (exact here). */
function approximateCount(req: ProductRequest): ProductReply {
  const q = boundedQuery((req.body ?? {}) as Record<string, unknown>, req.nowMs);
  if ('status' in q) return q;
  let count = 0;
  for (const n of candidates(req.site, q, undefined)) if (q.filters.length === 0 || q.filters.every((f) => f(req.site.issue(n)))) count++;
  return { status: 200, body: { count } };
}

/** `POST|GET /rest/api/3/search/jql`: Jira's enhanced search, paged by `nextPageToken`. */
function searchJql(req: ProductRequest): ProductReply {
  const b = (req.method === 'POST' ? req.body ?? {} : Object.fromEntries(req.query)) as Record<string, unknown>;
  const q = boundedQuery(b, req.nowMs);
  if ('status' in q) return q;
  const fields = fieldList(b.fields);
  const idOnly = fields === undefined || fields.every((f) => f === 'id' || f === 'key');
  const max = Math.min(Number(b.maxResults ?? 50), idOnly ? 5000 : 100);
  if (!(max >= 1)) return jiraError(400, 'maxResults must be a positive number');
  const from = decodeToken(b.nextPageToken);
  if (from === 'bad') return jiraError(400, 'Invalid nextPageToken');
  const issues: Array<Record<string, unknown>> = [];
  let next: number | undefined;
  for (const n of candidates(req.site, q, from)) {
    const issue = q.filters.length === 0 && idOnly ? undefined : req.site.issue(n);
    if (issue !== undefined && !q.filters.every((f) => f(issue))) continue;
    if (issues.length === max) {
      next = n;
      break;
    }
    if (issue === undefined) {
      const ref = req.site.issueRef(n);
      issues.push(fields === undefined ? { id: ref.id } : { ...ref, fields: {} });
    } else issues.push(fields === undefined ? { id: issue.id } : issueView(issue, fields));
  }
  return { status: 200, body: next === undefined ? { issues, isLast: true } : { issues, nextPageToken: encodeToken(next), isLast: false } };
}

function accountOf(req: ProductRequest): Record<string, unknown> {
  if (req.principal.kind === 'app') return { accountId: 'forge-app', accountType: 'app', displayName: 'Forge app', active: true };
  const u = req.site.findUser(req.principal.accountId);
  return { accountId: req.principal.accountId, accountType: 'atlassian', displayName: u?.displayName ?? req.principal.accountId, emailAddress: u?.emailAddress, active: true };
}

/** Registers the built-in Jira routes of the fixture site. */
export function registerJiraRoutes(t: RouteTable): void {
  t.add('jira', 'GET', '/rest/api/3/issue/{issueIdOrKey}', (req) => {
    const issue = req.site.findIssue(req.params.issueIdOrKey ?? '');
    if (issue === undefined) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
    return { status: 200, body: issueView(issue, fieldList(req.query.get('fields') ?? undefined)) };
  });
  t.add('jira', 'POST', '/rest/api/3/search/jql', searchJql);
  t.add('jira', 'GET', '/rest/api/3/search/jql', searchJql);
  t.add('jira', 'POST', '/rest/api/3/search/approximate-count', approximateCount);
  t.add('jira', 'GET', '/rest/api/3/myself', (req) => ({ status: 200, body: accountOf(req) }));
  t.add('jira', 'GET', '/rest/api/3/mypermissions', (req) => {
    const keys = (req.query.get('permissions') ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
    if (keys.length === 0) return jiraError(400, "The 'permissions' query parameter is required.");
    const unknown = keys.find((k) => JIRA_PERMISSIONS[k] === undefined);
    if (unknown !== undefined) return jiraError(404, `The permission key '${unknown}' is not known to the fixture site (see DIFFERENCES.md).`);
    const permissions = Object.fromEntries(keys.map((k) => {
      const p = JIRA_PERMISSIONS[k] ?? { id: '', name: k, type: 'PROJECT' };
      return [k, { id: p.id, key: k, name: p.name, type: p.type, description: p.name, havePermission: hasJiraPermission(req.site, req.principal, k) }];
    }));
    return { status: 200, body: { permissions } };
  });
  t.add('jira', 'POST', '/rest/api/3/permissions/check', (req) => {
    const b = (req.body ?? {}) as { accountId?: string; globalPermissions?: string[]; projectPermissions?: Array<{ permissions?: string[]; projects?: number[]; issues?: number[] }> };
    const who = typeof b.accountId === 'string' ? { kind: 'user' as const, accountId: b.accountId } : req.principal;
    return {
      status: 200,
      body: {
        globalPermissions: (b.globalPermissions ?? []).filter((k) => hasJiraPermission(req.site, who, k)),
        projectPermissions: (b.projectPermissions ?? []).flatMap((pp) => (pp.permissions ?? []).map((k) => {
          const ok = hasJiraPermission(req.site, who, k);
          return { permission: k, projects: ok ? pp.projects ?? [] : [], issues: ok ? pp.issues ?? [] : [] };
        })),
      },
    };
  });
  t.add('jira', 'GET', '/rest/api/3/project/search', (req) => {
    const startAt = Number(req.query.get('startAt') ?? 0);
    const maxResults = Math.min(Number(req.query.get('maxResults') ?? 50), 100);
    const values = req.site.projects.slice(startAt, startAt + maxResults);
    return { status: 200, body: { startAt, maxResults, total: req.site.projects.length, isLast: startAt + maxResults >= req.site.projects.length, values } };
  });
  t.add('jira', 'GET', '/rest/api/3/project/{projectIdOrKey}', (req) => {
    const p = req.site.projects.find((x) => x.id === req.params.projectIdOrKey || x.key === req.params.projectIdOrKey);
    return p === undefined ? jiraError(404, 'No project could be found.') : { status: 200, body: p };
  });
  t.add('jira', 'GET', '/rest/api/3/user', (req) => {
    const u = req.site.findUser(req.query.get('accountId') ?? '');
    return u === undefined ? jiraError(404, 'The user does not exist.') : { status: 200, body: { accountId: u.accountId, accountType: 'atlassian', displayName: u.displayName, emailAddress: u.emailAddress, active: true } };
  });
}
