import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import { quotaUnits } from '../metrics.js';
import type { KvsContext } from './service.js';
import { checkEntity, checkEntityValue, entitySchema, isSchema } from './entity-schema.js';
import { entryBody, rateLimited } from './single.js';
import { MAX_BATCH_ITEMS, MAX_REQUEST_BYTES, byteSize, checkKey, checkValue, ttlMs } from './validate.js';

/**
 * batch/set, batch/get, batch/delete: one request (one quota charge for the total size, one of the 45 batch
 * operations per minute), per-key results. A batch that is empty or repeats a key (plus entity) fails entirely.
 */
type Item = { key?: unknown; value?: unknown; entityName?: unknown; options?: { ttl?: unknown } };
type Failed = { key: string; entityName?: string; error: { code: string; message: string } };
type Ok = { key: string; entityName?: string };

function checkShape(c: KvsContext, body: unknown): Item[] | PlatformAnswer {
  if (!Array.isArray(body) || body.length === 0) return errorAnswer(400, 'BAD_REQUEST', 'Provided request body is invalid: expected a non-empty array');
  if (body.length > MAX_BATCH_ITEMS) return errorAnswer(400, 'MAX_BATCH_SIZE_EXCEEDED', `A batch can hold at most ${MAX_BATCH_ITEMS} items`);
  const seen = new Set<string>();
  for (const it of body as Item[]) {
    const id = JSON.stringify([it.entityName, it.key]);
    if (seen.has(id)) return errorAnswer(400, 'DUPLICATE_KEYS', `The batch repeats the key '${String(it.key)}'${typeof it.entityName === 'string' ? ` of entity '${it.entityName}'` : ''}: a batch that repeats a key fails entirely`);
    seen.add(id);
  }
  if (c.requestBytes > MAX_REQUEST_BYTES) return errorAnswer(400, 'MAX_SIZE', 'The batch exceeds the maximum request size of 4 MB');
  return body as Item[];
}

const answerError = (a: PlatformAnswer | undefined): Failed['error'] => a?.body as Failed['error'];

function itemError(c: KvsContext, it: Item): Failed | undefined {
  const bad = checkKey(it.key) ?? (it.entityName === undefined ? undefined : checkEntity(c.entities, it.entityName));
  if (bad === undefined) return undefined;
  return { key: String(it.key), ...(typeof it.entityName === 'string' ? { entityName: it.entityName } : {}), error: answerError(bad) };
}

/** A batchSet item of a custom entity whose value does not fit the declared attributes. */
function entityValueError(c: KvsContext, it: Item): Failed | undefined {
  if (it.entityName === undefined) return undefined;
  const schema = entitySchema(c.entities, it.entityName);
  const bad = isSchema(schema) ? checkEntityValue(schema, it.value) : schema;
  return bad === undefined ? undefined : { key: String(it.key), entityName: it.entityName as string, error: answerError(bad) };
}

const ok = (it: Item): Ok => ({ key: it.key as string, ...(typeof it.entityName === 'string' ? { entityName: it.entityName } : {}) });
const ns = (c: KvsContext, it: Item) => c.store.namespace('plain', typeof it.entityName === 'string' ? it.entityName : undefined);

export function batchSet(c: KvsContext, body: unknown): PlatformAnswer {
  const items = checkShape(c, body);
  if (!Array.isArray(items)) return items;
  const failedKeys: Failed[] = [];
  const good: Array<[Item, number, number | undefined]> = [];
  for (const it of items) {
    const err = itemError(c, it) ?? entityValueError(c, it);
    const size = err === undefined ? checkValue(it.value) : undefined;
    const ttl = ttlMs(it.options?.ttl);
    if (err !== undefined) failedKeys.push(err);
    else if (typeof size !== 'number') failedKeys.push({ key: String(it.key), error: answerError(size) });
    else if (typeof ttl === 'object') failedKeys.push({ key: String(it.key), error: answerError(ttl) });
    else good.push([it, (it.key as string).length + size, ttl]);
  }
  const total = good.reduce((s, [, b]) => s + b, 0);
  if (!c.charge({ readUnits: 0, writeUnits: quotaUnits(total), keyBytes: good.map(([it, b]) => [it.key as string, b]), batch: true })) return rateLimited();
  c.metrics.kvsBytesWritten += total;
  for (const [it, , ttl] of good) c.store.write(ns(c, it), it.key as string, it.value, c.now, ttl);
  return { status: 200, body: { successfulKeys: good.map(([it]) => ok(it)), failedKeys } };
}

export function batchGet(c: KvsContext, body: unknown): PlatformAnswer {
  const items = checkShape(c, body);
  if (!Array.isArray(items)) return items;
  const failedKeys: Failed[] = [];
  const found: Array<Record<string, unknown>> = [];
  let bytes = 0;
  for (const it of items) {
    const bad = itemError(c, it);
    if (bad !== undefined) {
      failedKeys.push(bad);
      continue;
    }
    const e = c.store.read(ns(c, it), it.key as string, c.now);
    if (e === undefined) {
      failedKeys.push({ ...ok(it), error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } });
      continue;
    }
    bytes += byteSize(e.value);
    found.push(entryBody(it.key as string, e, typeof it.entityName === 'string' ? it.entityName : undefined));
  }
  if (!c.charge({ readUnits: quotaUnits(bytes), writeUnits: 0, batch: true })) return rateLimited();
  c.metrics.kvsBytesRead += bytes;
  return { status: 200, body: { successfulKeys: found, failedKeys } };
}

export function batchDelete(c: KvsContext, body: unknown): PlatformAnswer {
  const items = checkShape(c, body);
  if (!Array.isArray(items)) return items;
  const failedKeys: Failed[] = [];
  const good: Item[] = [];
  for (const it of items) {
    const bad = itemError(c, it);
    if (bad === undefined) good.push(it);
    else failedKeys.push(bad);
  }
  if (!c.charge({ readUnits: 0, writeUnits: 1, keyBytes: good.map((it) => [it.key as string, (it.key as string).length]), batch: true })) return rateLimited();
  for (const it of good) ns(c, it).delete(it.key as string);
  return { status: 200, body: { successfulKeys: good.map(ok), failedKeys } };
}
