import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import { quotaUnits } from '../metrics.js';
import { conditionsHold, isValidConditions, type Conditions } from './conditions.js';
import type { KvsContext } from './service.js';
import { checkEntity, checkEntityValue, entitySchema, isSchema } from './entity-schema.js';
import { MAX_BATCH_ITEMS, MAX_REQUEST_BYTES, checkKey, checkValue, ttlMs } from './validate.js';

/**
 * `kvs.transact()`: <= 25 operations, each key once, <= 4 MB, all or nothing. Conditions apply to
 * custom entities. A failed condition fails the whole transaction with 409 CONDITION_FAILED (a guess:
 * the SDK does not name it). One write request for the quotas; 429 answers use TOO_MANY_REQUESTS.
 */
type Op = { key?: unknown; value?: unknown; entityName?: unknown; conditions?: unknown; options?: { ttl?: unknown } };
type Body = { set?: Op[]; delete?: Op[]; check?: Op[] };

export function transact(c: KvsContext, raw: unknown): PlatformAnswer {
  const body = (raw ?? {}) as Body;
  const sets = body.set ?? [];
  const deletes = body.delete ?? [];
  const checks = body.check ?? [];
  const all = [...sets, ...deletes, ...checks];
  if (all.length === 0) return errorAnswer(400, 'BAD_REQUEST', 'A transaction needs at least one operation');
  if (all.length > MAX_BATCH_ITEMS) return errorAnswer(400, 'MAX_TRANSACTION_SIZE_EXCEEDED', `A transaction can hold at most ${MAX_BATCH_ITEMS} operations`);
  if (c.requestBytes > MAX_REQUEST_BYTES) return errorAnswer(400, 'MAX_SIZE', 'The transaction exceeds the maximum request size of 4 MB');
  const seen = new Set<string>();
  for (const op of all) {
    const bad = checkKey(op.key) ?? (op.entityName === undefined ? undefined : checkEntity(c.entities, op.entityName));
    if (bad !== undefined) return bad;
    const id = JSON.stringify([op.entityName, op.key]);
    if (seen.has(id)) return errorAnswer(400, 'DUPLICATE_KEYS', `Key '${String(op.key)}' appears more than once in the transaction`);
    seen.add(id);
    if (!isValidConditions(op.conditions) || (op.conditions !== undefined && op.entityName === undefined)) {
      return errorAnswer(400, 'INVALID_CONDITIONS', `Invalid conditions for key '${String(op.key)}' (conditions need an entityName)`);
    }
  }
  const writes: Array<[Op, number, number | undefined]> = [];
  for (const op of sets) {
    const size = checkValue(op.value);
    if (typeof size !== 'number') return size;
    const schema = op.entityName === undefined ? undefined : entitySchema(c.entities, op.entityName);
    const badValue = schema !== undefined && isSchema(schema) ? checkEntityValue(schema, op.value) : undefined;
    if (badValue !== undefined) return badValue;
    const ttl = ttlMs(op.options?.ttl);
    if (typeof ttl === 'object') return ttl;
    writes.push([op, (op.key as string).length + size, ttl]);
  }
  const nsOf = (op: Op) => c.store.namespace('plain', typeof op.entityName === 'string' ? op.entityName : undefined);
  const total = writes.reduce((s, [, b]) => s + b, 0) + deletes.length;
  if (!c.charge({ readUnits: 0, writeUnits: quotaUnits(total), keyBytes: writes.map(([op, b]) => [op.key as string, b]) })) {
    return errorAnswer(429, 'TOO_MANY_REQUESTS', 'Too many requests');
  }
  for (const op of all) {
    if (op.conditions === undefined) continue;
    const current = c.store.read(nsOf(op), op.key as string, c.now)?.value;
    if (!conditionsHold(op.conditions as Conditions, current)) {
      return errorAnswer(409, 'CONDITION_FAILED', `Condition check failed for key '${String(op.key)}'`);
    }
  }
  c.metrics.kvsBytesWritten += total;
  for (const [op, , ttl] of writes) c.store.write(nsOf(op), op.key as string, op.value, c.now, ttl);
  for (const op of deletes) nsOf(op).delete(op.key as string);
  return { status: 204 };
}
