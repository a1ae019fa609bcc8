import type { EntityIndex, EntitySchema } from '../app/entities.js';
import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import { quotaUnits } from '../metrics.js';
import { clauseHolds, conditionsHold, type ConditionClause, type Conditions } from './conditions.js';
import type { KvsContext } from './service.js';
import { rateLimited } from './single.js';
import { byteSize } from './validate.js';

/**
 * `/api/v1/entity/query` as @forge/kvs sends it: `{ entityName, indexName, partition?, range?,
 * filters?: { and | or: [...] }, sort?, cursor?, limit?, options? }`. Results are the entities that
 * have the index's range attribute, match the partition values, the range condition and the filters,
 * ordered by (range value, key); the cursor is the base64 of the last one's position.
 */
type Body = Record<string, unknown>;
type Attrs = Record<string, unknown>;
type Position = [unknown, string];
const RANGE_CONDITIONS = new Set(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);

export function entityQuery(c: KvsContext, schema: EntitySchema, body: Body): PlatformAnswer {
  const index = schema.indexes.get(String(body.indexName));
  if (index === undefined) return errorAnswer(400, 'INVALID_ENTITY_INDEX', `Entity '${schema.name}' has no index '${String(body.indexName)}' in the manifest`);
  const q = parseQuery(index, body);
  if (!('range' in q)) return q;
  const ns = c.store.namespace('plain', schema.name);
  const rangeAttr = index.range[0] as string;
  const rows: Array<{ pos: Position; key: string; value: Attrs; expireAt: number | undefined }> = [];
  for (const key of [...ns.keys()]) {
    const e = c.store.read(ns, key, c.now);
    const v = e?.value as Attrs | undefined;
    if (e === undefined || v?.[rangeAttr] === undefined) continue;
    if (!index.partition.every((p, i) => v[p] === q.partition[i])) continue;
    if (q.range !== undefined && !clauseHolds({ ...q.range, property: rangeAttr }, v)) continue;
    if (!conditionsHold(q.filters, v)) continue;
    rows.push({ pos: [v[rangeAttr], key], key, value: v, expireAt: e.expireAt });
  }
  const dir = q.desc ? -1 : 1;
  rows.sort((a, b) => dir * comparePositions(a.pos, b.pos));
  const start = q.after === undefined ? 0 : rows.findIndex((r) => dir * comparePositions(r.pos, q.after as Position) > 0);
  const page = start < 0 ? [] : rows.slice(start, start + q.limit);
  const data = page.map((r) => ({ key: r.key, value: r.value, ...(r.expireAt === undefined ? {} : { expireTime: new Date(r.expireAt).toISOString() }) }));
  const bytes = data.reduce((s, d) => s + byteSize(d.value), 0);
  if (!c.charge({ readUnits: quotaUnits(bytes), writeUnits: 0 })) return rateLimited();
  c.metrics.kvsBytesRead += bytes;
  const last = page[page.length - 1];
  const more = last !== undefined && start + page.length < rows.length;
  return { status: 200, body: more ? { data, cursor: Buffer.from(JSON.stringify(last.pos)).toString('base64') } : { data } };
}

interface Query {
  partition: unknown[];
  range: { condition: string; values: unknown[] } | undefined;
  filters: Conditions | undefined;
  desc: boolean;
  after: Position | undefined;
  limit: number;
}

function parseQuery(index: EntityIndex, body: Body): Query | PlatformAnswer {
  const bad = (code: string, message: string) => errorAnswer(400, code, message);
  const limit = body.limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) return bad('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', 'The page limit must be set between 1 and 100.');
  const partition = Array.isArray(body.partition) ? (body.partition as unknown[]) : [];
  if (partition.length !== index.partition.length) {
    return bad('INVALID_PARTITION', `Index '${index.name}' needs ${index.partition.length} partition value(s) (${index.partition.join(', ')}), got ${partition.length}`);
  }
  const range = body.range as { condition?: unknown; values?: unknown } | undefined;
  if (range !== undefined && (typeof range.condition !== 'string' || !RANGE_CONDITIONS.has(range.condition) || !Array.isArray(range.values))) {
    return bad('INVALID_RANGE_CONDITION', 'The where condition must be one of BEGINS_WITH, BETWEEN, EQUAL_TO, GREATER_THAN(_EQUAL_TO), LESS_THAN(_EQUAL_TO)');
  }
  const filters = body.filters as Conditions | undefined;
  const filterError = filters === undefined ? undefined : checkFilters(filters);
  if (filterError !== undefined) return bad(filterError[0], filterError[1]);
  const clauses = [...(range === undefined ? [] : [range as ConditionClause]), ...(filters?.and ?? filters?.or ?? [])];
  if (clauses.some((cl) => cl.condition === 'BETWEEN' && cl.values.length < 2)) return bad('INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values.');
  let after: Position | undefined;
  if (typeof body.cursor === 'string' && body.cursor !== '') {
    try {
      after = JSON.parse(Buffer.from(body.cursor, 'base64').toString('utf8')) as Position;
    } catch {
      return bad('INVALID_CURSOR', 'The cursor is invalid');
    }
  }
  return { partition, range: range as Query['range'], filters, desc: body.sort === 'DESC', after, limit };
}

function checkFilters(f: Conditions): [string, string] | undefined {
  if (f.and !== undefined && f.or !== undefined) return ['INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.'];
  const list = f.and ?? f.or;
  if (!Array.isArray(list) || list.length === 0) return ['EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.'];
  return undefined;
}

/** Numbers before strings, each in natural order (booleans and others after, by JSON); then keys. */
function comparePositions(a: Position, b: Position): number {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const [va, vb] = [a[0], b[0]];
  if (rank(va) !== rank(vb)) return rank(va) - rank(vb);
  const [x, y] = typeof va === 'number' || typeof va === 'string' ? [va, vb as typeof va] : [JSON.stringify(va), JSON.stringify(vb)];
  if (x < y) return -1;
  if (x > y) return 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
