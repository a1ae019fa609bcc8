import { hash32, jiraTime, pick } from './seeded.js';
import type { FixtureSite, FixtureSiteOptions, SiteIssue, SitePage, SiteProject, SiteSpace, SiteUser } from './types.js';

const SUMMARY_VERBS = ['Fix', 'Add', 'Update', 'Remove', 'Investigate', 'Document', 'Refactor', 'Test'];
const SUMMARY_NOUNS = ['login page', 'export job', 'billing report', 'search index', 'webhook', 'dashboard', 'API client', 'release notes'];
const STATUSES = ['To Do', 'In Progress', 'Done'];
const TYPES = ['Task', 'Bug', 'Story'];
const PRIORITIES = ['Low', 'Medium', 'High'];
const LABELS = ['backend', 'frontend', 'customer', 'infra'];
const ISSUE_ID_BASE = 10_000;
const PAGE_ID_BASE = 100_000;
const MINUTE = 60_000;

/** Index (0-based) of the block that item n (1-based) falls in, when `total` items are split into `blocks` equal blocks. */
const blockOf = (n: number, total: number, blocks: number): number => Math.min(blocks - 1, Math.floor(((n - 1) * blocks) / total));
/** First item number of a block. */
const blockStart = (b: number, total: number, blocks: number): number => Math.ceil((b * total) / blocks) + 1;

function checkCount(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new TypeError(`[forge-emulator] site.${name} must be a non-negative integer`);
  return v;
}

function checkKeys(name: string, v: unknown, dflt: string[]): string[] {
  if (v === undefined) return dflt;
  if (!Array.isArray(v) || v.length === 0 || v.some((k) => typeof k !== 'string' || !/^[A-Z][A-Z0-9]{1,9}$/.test(k))) {
    throw new TypeError(`[forge-emulator] site.${name} must be a non-empty list of keys like 'DEMO'`);
  }
  return v as string[];
}

/** Validates the site options up front (bad options throw TypeError at createEmulator). */
export function resolveSiteOptions(o: FixtureSiteOptions = {}): Required<FixtureSiteOptions> {
  const users = o.users ?? [
    { accountId: '712020:admin-0000-4000-8000-000000000001', displayName: 'Ada Admin', emailAddress: 'ada@example.com', admin: true },
    { accountId: '712020:user-0000-4000-8000-000000000002', displayName: 'Uma User', emailAddress: 'uma@example.com', admin: false },
  ];
  if (!users.some((u) => u.admin) || !users.some((u) => !u.admin)) throw new TypeError('[forge-emulator] site.users needs at least one admin and one non-admin user');
  return {
    issues: checkCount('issues', o.issues, 50_000),
    projects: checkKeys('projects', o.projects, ['DEMO', 'OPS']),
    pages: checkCount('pages', o.pages, 2_000),
    spaces: checkKeys('spaces', o.spaces, ['ENG', 'DOCS']),
    users,
  };
}

/** Builds the fixture site of one installation; issues and pages are computed from the seed when asked for. */
export function createFixtureSite(opts: Required<FixtureSiteOptions>, seed: number, installationId: string, epochMs: number): FixtureSite {
  const baseUrl = `https://${installationId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.atlassian.net`;
  const projects: SiteProject[] = opts.projects.map((key, i) => ({ id: String(10_000 + i), key, name: `${key[0] ?? ''}${key.slice(1).toLowerCase()} project` }));
  const spaces: SiteSpace[] = opts.spaces.map((key, i) => ({ id: String(1_000 + i), key, name: `${key[0] ?? ''}${key.slice(1).toLowerCase()} space` }));
  const users = opts.users;
  const admin = users.find((u) => u.admin) as SiteUser;
  const user = users.find((u) => !u.admin) as SiteUser;
  const ref = (u: SiteUser) => ({ accountId: u.accountId, displayName: u.displayName });

  const issueRef = (n: number) => {
    const b = blockOf(n, opts.issues, projects.length);
    const id = String(ISSUE_ID_BASE + n);
    return { id, key: `${(projects[b] as SiteProject).key}-${n - blockStart(b, opts.issues, projects.length) + 1}`, self: `${baseUrl}/rest/api/3/issue/${id}` };
  };

  const issue = (n: number): SiteIssue => {
    const b = blockOf(n, opts.issues, projects.length);
    const project = projects[b] as SiteProject;
    const number = n - blockStart(b, opts.issues, projects.length) + 1;
    const id = String(ISSUE_ID_BASE + n);
    const created = epochMs - (opts.issues - n + 1) * MINUTE;
    const assignee = hash32(seed, n, 7) % 4 === 0 ? null : ref(pick(users, seed, n, 8));
    return {
      id, key: `${project.key}-${number}`, self: `${baseUrl}/rest/api/3/issue/${id}`,
      fields: {
        summary: `${pick(SUMMARY_VERBS, seed, n, 1)} ${pick(SUMMARY_NOUNS, seed, n, 2)} (${project.key}-${number})`,
        status: { name: pick(STATUSES, seed, n, 3) }, issuetype: { name: pick(TYPES, seed, n, 4) }, priority: { name: pick(PRIORITIES, seed, n, 5) },
        project, labels: [pick(LABELS, seed, n, 6)], created: jiraTime(created), updated: jiraTime(created + (hash32(seed, n, 9) % 600) * MINUTE),
        reporter: ref(pick(users, seed, n, 10)), assignee,
      },
    };
  };

  const page = (n: number): SitePage => {
    const space = spaces[blockOf(n, opts.pages, spaces.length)] as SiteSpace;
    const created = new Date(epochMs - (opts.pages - n + 1) * 5 * MINUTE).toISOString();
    return {
      id: String(PAGE_ID_BASE + n), status: 'current', title: `${pick(SUMMARY_NOUNS, seed, n, 11)} notes ${n}`, spaceId: space.id,
      parentId: null, authorId: pick(users, seed, n, 12).accountId, createdAt: created, version: { number: 1 + (hash32(seed, n, 13) % 5), createdAt: created },
    };
  };

  const issueNumber = (idOrKey: string): number | undefined => {
    if (/^\d+$/.test(idOrKey)) return Number(idOrKey) - ISSUE_ID_BASE;
    const m = /^([A-Z][A-Z0-9]*)-(\d+)$/.exec(idOrKey);
    const b = projects.findIndex((p) => p.key === m?.[1]);
    return b < 0 ? undefined : blockStart(b, opts.issues, projects.length) + Number(m?.[2]) - 1;
  };

  return {
    baseUrl, users, admin, user, projects, spaces, issueCount: opts.issues, pageCount: opts.pages, issue, issueRef, page,
    findIssue(idOrKey) {
      const n = issueNumber(idOrKey);
      if (n === undefined || !Number.isInteger(n) || n < 1 || n > opts.issues) return undefined;
      const found = issue(n);
      return found.id === idOrKey || found.key === idOrKey ? found : undefined;
    },
    findPage(id) {
      const n = Number(id) - PAGE_ID_BASE;
      return /^\d+$/.test(id) && n >= 1 && n <= opts.pages ? page(n) : undefined;
    },
    findUser: (accountId) => users.find((u) => u.accountId === accountId),
    projectIssues(keyOrId) {
      const b = projects.findIndex((p) => p.key === keyOrId || p.id === keyOrId);
      if (b < 0) return undefined;
      return { first: blockStart(b, opts.issues, projects.length), last: blockStart(b + 1, opts.issues, projects.length) - 1 };
    },
  };
}
