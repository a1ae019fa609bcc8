import type { SiteIssue } from './types.js';

/** The JQL subset the fixture site answers: `field op value` clauses joined by AND, and ORDER BY. */
export interface JqlQuery {
  /** Project keys or ids the query is restricted to (undefined: any). */
  projects: Set<string> | undefined;
  /** Issue ids within [minId, maxId]. */
  minId: number;
  maxId: number;
  filters: Array<(issue: SiteIssue) => boolean>;
  order: 'asc' | 'desc';
  /** Whether any clause restricts the search (Jira's enhanced search refuses unbounded queries). */
  bounded: boolean;
}

export class JqlError extends Error {}

const CLAUSE = /^\s*([\w.]+)\s*(=|!=|>=|<=|>|<|\bnot in\b|\bin\b|~)\s*(\([^)]*\)|"[^"]*"|'[^']*'|[^\s()]+)\s*$/i;
const unquote = (v: string): string => v.trim().replace(/^["']|["']$/g, '');
const listOf = (v: string): string[] => (v.startsWith('(') ? v.slice(1, -1).split(',').map(unquote) : [unquote(v)]);

/** Values a field has on an issue, for equality clauses. */
const FIELD_VALUES: Record<string, (i: SiteIssue) => string[]> = {
  status: (i) => [i.fields.status.name],
  issuetype: (i) => [i.fields.issuetype.name],
  type: (i) => [i.fields.issuetype.name],
  priority: (i) => [i.fields.priority.name],
  labels: (i) => i.fields.labels,
  assignee: (i) => (i.fields.assignee === null ? ['EMPTY'] : [i.fields.assignee.accountId]),
  reporter: (i) => [i.fields.reporter.accountId],
  key: (i) => [i.key],
  issuekey: (i) => [i.key],
};

/** Date fields: the issue's time (ms). */
const DATE_FIELDS: Record<string, (i: SiteIssue) => number> = {
  created: (i) => Date.parse(i.fields.created.replace(/\+0000$/, 'Z')),
  createddate: (i) => Date.parse(i.fields.created.replace(/\+0000$/, 'Z')),
  updated: (i) => Date.parse(i.fields.updated.replace(/\+0000$/, 'Z')),
  updateddate: (i) => Date.parse(i.fields.updated.replace(/\+0000$/, 'Z')),
};

const RELATIVE_UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * A JQL date value as clock ms: `"yyyy-MM-dd"` or `"yyyy/MM/dd"`, optionally with ` HH:mm` (the
 * fixture site's users are on UTC), or a time relative to now (`-1d`, `-4w`, `2h`, `-30m`). Date
 * functions (`startOfDay()`, ...) and other units are not emulated: undefined.
 */
export function jqlDateMs(value: string, nowMs: number): number | undefined {
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (abs !== null) {
    const [, y, mo, d, h = '0', mi = '0'] = abs;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    return Number.isNaN(ms) ? undefined : ms;
  }
  const rel = /^([+-]?)(\d+)([wdhm])$/.exec(value.trim());
  if (rel === null) return undefined;
  const [, sign, n, unit = 'm'] = rel;
  return nowMs + (sign === '-' ? -1 : 1) * Number(n) * (RELATIVE_UNIT_MS[unit] ?? 0);
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b, '!=': (a, b) => a !== b, '>': (a, b) => a > b, '>=': (a, b) => a >= b, '<': (a, b) => a < b, '<=': (a, b) => a <= b,
};

/** Parses the JQL subset; anything else throws JqlError naming the clause (never matched loosely). */
export function parseJql(jql: string, nowMs: number = Date.now()): JqlQuery {
  const [where = '', orderBy] = jql.split(/\border\s+by\b/i);
  const q: JqlQuery = { projects: undefined, minId: 0, maxId: Number.MAX_SAFE_INTEGER, filters: [], order: 'asc', bounded: false };
  if (orderBy !== undefined) {
    const m = /^\s*(id|key|issuekey|created)\s*(asc|desc)?\s*$/i.exec(orderBy);
    if (m === null) throw new JqlError(`ORDER BY '${orderBy.trim()}' is not emulated (only id, key or created)`);
    q.order = m[2]?.toLowerCase() === 'desc' ? 'desc' : 'asc';
  }
  for (const clause of where.trim() === '' ? [] : where.split(/\band\b/i)) {
    const m = CLAUSE.exec(clause);
    if (m === null) throw new JqlError(`JQL clause '${clause.trim()}' is not emulated (only 'field op value' clauses joined by AND)`);
    const field = (m[1] ?? '').toLowerCase();
    const op = (m[2] ?? '').toLowerCase();
    const values = listOf(m[3] ?? '');
    q.bounded = true;
    if (field === 'project' && (op === '=' || op === 'in')) q.projects = new Set(values);
    else if (field === 'id' && ['=', '>', '>=', '<', '<='].includes(op)) {
      const v = Number(values[0]);
      if (!Number.isInteger(v)) throw new JqlError(`id needs a number in '${clause.trim()}'`);
      if (op === '=' || op === '>=' || op === '>') q.minId = Math.max(q.minId, op === '>' ? v + 1 : v);
      if (op === '=' || op === '<=' || op === '<') q.maxId = Math.min(q.maxId, op === '<' ? v - 1 : v);
    } else if (DATE_FIELDS[field] !== undefined && COMPARE[op] !== undefined) {
      const at = jqlDateMs(values[0] ?? '', nowMs);
      if (at === undefined) throw new JqlError(`date '${values[0] ?? ''}' in '${clause.trim()}' is not emulated (yyyy-MM-dd [HH:mm], yyyy/MM/dd [HH:mm], or -Nw, -Nd, -Nh, -Nm)`);
      const time = DATE_FIELDS[field];
      const compare = COMPARE[op];
      q.filters.push((i) => compare(time(i), at));
    } else if (FIELD_VALUES[field] !== undefined && ['=', '!=', 'in', 'not in'].includes(op)) {
      const get = FIELD_VALUES[field];
      const wanted = new Set(values);
      const negate = op === '!=' || op === 'not in';
      q.filters.push((i) => get(i).some((v) => wanted.has(v)) !== negate);
    } else {
      throw new JqlError(`JQL clause '${clause.trim()}' is not emulated (fields: project, id, created, updated, ${Object.keys(FIELD_VALUES).join(', ')})`);
    }
  }
  return q;
}
