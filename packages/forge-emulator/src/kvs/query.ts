import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import { quotaUnits } from '../metrics.js';
import type { KvsContext } from './service.js';
import { rateLimited } from './single.js';
import { byteSize } from './validate.js';

/** `kvs.query()`: keys in ascending order, optional BEGINS_WITH on `key`, cursor = last key (base64). */
export function kvsQuery(c: KvsContext, body: Record<string, unknown>): PlatformAnswer {
  const limit = body.limit === undefined ? 10 : body.limit;
  if (typeof limit !== 'number' || limit < 1 || limit > 100) return errorAnswer(400, 'BAD_REQUEST', 'limit must be 1..100');
  const where = Array.isArray(body.where) ? (body.where as Array<{ condition?: string; values?: unknown[] }>) : [];
  const prefix = where[0]?.condition === 'BEGINS_WITH' ? (typeof where[0].values?.[0] === 'string' ? where[0].values[0] : '') : '';
  const after = typeof body.after === 'string' ? Buffer.from(body.after, 'base64').toString('utf8') : undefined;
  const keys = [...c.store.plain.keys()].filter((k) => k.startsWith(prefix) && (after === undefined || k > after)).sort();
  const data: Array<{ key: string; value: unknown }> = [];
  let bytes = 0;
  for (const key of keys) {
    if (data.length === limit) break;
    const e = c.store.read(c.store.plain, key, c.now);
    if (e === undefined) continue;
    data.push({ key, value: e.value });
    bytes += byteSize(e.value);
  }
  if (!c.charge({ readUnits: quotaUnits(bytes), writeUnits: 0 })) return rateLimited();
  c.metrics.kvsBytesRead += bytes;
  const last = data[data.length - 1];
  const more = last !== undefined && keys[keys.length - 1] !== last.key;
  return { status: 200, body: more ? { data, cursor: Buffer.from(last.key).toString('base64') } : { data } };
}
