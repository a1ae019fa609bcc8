import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import { quotaUnits } from '../metrics.js';
import type { KvsContext } from './service.js';
import type { Entry, Namespace } from './store.js';
import { byteSize, checkKey, checkValue, ttlMs } from './validate.js';

/** Single-key endpoints: get, set, delete (plain, secret and entity spaces). */
type Body = Record<string, unknown>;

export function entryBody(key: string, e: Entry, entityName?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { key, value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt };
  if (entityName !== undefined) out.entityName = entityName;
  if (e.expireAt !== undefined) out.expireTime = new Date(e.expireAt).toISOString();
  return out;
}

export const rateLimited = (): PlatformAnswer => errorAnswer(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded');
export const notFound = (): PlatformAnswer => errorAnswer(404, 'KEY_NOT_FOUND', 'Provided key does not exist');

export function kvsGet(c: KvsContext, ns: Namespace, body: Body, entityName?: string): PlatformAnswer {
  const key = body.key;
  const bad = checkKey(key);
  if (bad !== undefined) return bad;
  const e = c.store.read(ns, key as string, c.now);
  const bytes = e === undefined ? 0 : byteSize(e.value);
  if (!c.charge({ readUnits: quotaUnits(bytes), writeUnits: 0 })) return rateLimited();
  c.metrics.kvsBytesRead += bytes;
  return e === undefined ? notFound() : { status: 200, body: entryBody(key as string, e, entityName) };
}

export function kvsSet(c: KvsContext, ns: Namespace, body: Body, entityName?: string): PlatformAnswer {
  const key = body.key;
  const bad = checkKey(key);
  if (bad !== undefined) return bad;
  const size = checkValue(body.value);
  if (typeof size !== 'number') return size;
  const options = (body.options ?? {}) as Body;
  const ttl = ttlMs(options.ttl);
  if (typeof ttl === 'object') return ttl;
  const k = key as string;
  const bytes = k.length + size;
  const prev = c.store.read(ns, k, c.now);
  if (options.keyPolicy === 'FAIL_IF_EXISTS' && prev !== undefined) return errorAnswer(409, 'KEY_ALREADY_EXISTS', 'The provided key already exists');
  if (!c.charge({ readUnits: 0, writeUnits: quotaUnits(bytes), keyBytes: [[k, bytes]] })) return rateLimited();
  c.metrics.kvsBytesWritten += bytes;
  const entry = c.store.write(ns, k, body.value, c.now, ttl);
  if (options.returnValue === 'LATEST') return { status: 200, body: entryBody(k, entry, entityName) };
  if (options.returnValue === 'PREVIOUS') return prev === undefined ? { status: 204 } : { status: 200, body: entryBody(k, prev, entityName) };
  return { status: 204 };
}

export function kvsDelete(c: KvsContext, ns: Namespace, body: Body): PlatformAnswer {
  const key = body.key;
  const bad = checkKey(key);
  if (bad !== undefined) return bad;
  if (!c.charge({ readUnits: 0, writeUnits: 1, keyBytes: [[key as string, (key as string).length]] })) return rateLimited();
  ns.delete(key as string);
  return { status: 204 };
}
