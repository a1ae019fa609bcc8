import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import { quotaUnits } from '../metrics.js';
import type { KvsContext } from './service.js';
import { rateLimited } from './single.js';
import type { Entry } from './store.js';
import { byteSize } from './validate.js';

const METADATA_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'] as const;
type MetadataField = (typeof METADATA_FIELDS)[number];

/** A `kvs.query()` request the service accepts: key prefix, page size, cursor, metadata to return. */
export interface KeyQuery {
  prefix: string;
  limit: number;
  after: string | undefined;
  fields: readonly MetadataField[];
}

const bad = (code: string, message: string): PlatformAnswer => errorAnswer(400, code, message);

/**
 * Checks a `/api/v1/query` body. Error codes are those of "Error handling for the Key-Value Store".
 * Only `where('key', WhereConditions.beginsWith(x))` exists for plain keys (the SDK types allow
 * nothing else); any other condition is refused, never ignored.
 */
export function parseKeyQuery(body: Record<string, unknown>): KeyQuery | PlatformAnswer {
  const limit = body.limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) return bad('BAD_REQUEST', 'limit must be a positive integer');
  if (limit > 100) return bad('LIST_QUERY_LIMIT_EXCEEDED', 'Limit for list query should be at most 100');
  let prefix = '';
  if (body.where !== undefined) {
    if (!Array.isArray(body.where) || body.where.length !== 1) return bad('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause');
    const w = body.where[0] as { property?: unknown; condition?: unknown; values?: unknown };
    if (w.property !== 'key') return bad('QUERY_WHERE_FIELD_INVALID', `The field '${String(w.property)}' is not supported for filters (only 'key')`);
    if (w.condition !== 'BEGINS_WITH') {
      return bad('INVALID_FILTER_CONDITION', `The condition '${String(w.condition)}' is not supported for KVS key queries (only BEGINS_WITH; see the emulator's DIFFERENCES.md)`);
    }
    if (!Array.isArray(w.values) || w.values.length !== 1 || typeof w.values[0] !== 'string') return bad('INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one string value');
    prefix = w.values[0];
  }
  const requested = (body.options as { metadataFields?: unknown } | undefined)?.metadataFields ?? [];
  if (!Array.isArray(requested) || requested.some((f) => !METADATA_FIELDS.includes(f as MetadataField))) {
    return bad('BAD_REQUEST', `metadataFields must be a list of ${METADATA_FIELDS.join(', ')}`);
  }
  const after = typeof body.after === 'string' ? Buffer.from(body.after, 'base64').toString('utf8') : undefined;
  return { prefix, limit, after, fields: requested as MetadataField[] };
}

function resultItem(key: string, e: Entry, fields: readonly MetadataField[]): Record<string, unknown> {
  const out: Record<string, unknown> = { key, value: e.value };
  if (fields.includes('CREATED_AT')) out.createdAt = e.createdAt;
  if (fields.includes('UPDATED_AT')) out.updatedAt = e.updatedAt;
  if (fields.includes('EXPIRE_TIME') && e.expireAt !== undefined) out.expireTime = new Date(e.expireAt).toISOString();
  return out;
}

/** `kvs.query()`: keys in ascending order, optional BEGINS_WITH on `key`, cursor = last key (base64). */
export function kvsQuery(c: KvsContext, body: Record<string, unknown>): PlatformAnswer {
  const q = parseKeyQuery(body);
  if ('status' in q) return q;
  const keys = [...c.store.plain.keys()].filter((k) => k.startsWith(q.prefix) && (q.after === undefined || k > q.after)).sort();
  const data: Array<Record<string, unknown>> = [];
  let bytes = 0;
  let lastKey: string | undefined;
  for (const key of keys) {
    if (data.length === q.limit) break;
    const e = c.store.read(c.store.plain, key, c.now);
    if (e === undefined) continue;
    data.push(resultItem(key, e, q.fields));
    lastKey = key;
    bytes += byteSize(e.value);
  }
  if (!c.charge({ readUnits: quotaUnits(bytes), writeUnits: 0 })) return rateLimited();
  c.metrics.kvsBytesRead += bytes;
  const more = lastKey !== undefined && keys[keys.length - 1] !== lastKey;
  return { status: 200, body: more ? { data, cursor: Buffer.from(lastKey ?? '').toString('base64') } : { data } };
}
