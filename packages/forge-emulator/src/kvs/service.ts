import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import type { KvsCost } from '../quota/meter.js';
import type { InstallationMetrics } from '../types.js';
import { batchDelete, batchGet, batchSet } from './batch.js';
import { kvsQuery } from './query.js';
import { checkEntityName, kvsDelete, kvsGet, kvsSet } from './single.js';
import type { KvsStore } from './store.js';
import { transact } from './transaction.js';

/** What a KVS endpoint needs: the installation's store, clock, metrics and quota charge. */
export interface KvsContext {
  store: KvsStore;
  now: number;
  metrics: InstallationMetrics;
  requestBytes: number;
  /** Takes the cost from the quotas (counting units in metrics); false = over quota. */
  charge(cost: KvsCost): boolean;
}

type Body = Record<string, unknown>;

/** Routes `/api/v1/...` KVS paths to their endpoint. */
export function handleKvs(c: KvsContext, path: string, body: unknown): PlatformAnswer {
  const b = (body ?? {}) as Body;
  switch (path) {
    case '/api/v1/get':
      return kvsGet(c, c.store.plain, b);
    case '/api/v1/set':
      return kvsSet(c, c.store.plain, b);
    case '/api/v1/delete':
      return kvsDelete(c, c.store.plain, b);
    case '/api/v1/query':
      return kvsQuery(c, b);
    case '/api/v1/batch/set':
      return batchSet(c, body);
    case '/api/v1/batch/get':
      return batchGet(c, body);
    case '/api/v1/batch/delete':
      return batchDelete(c, body);
    case '/api/v1/transaction':
      return transact(c, body);
    case '/api/v1/secret/get':
      return kvsGet(c, c.store.secrets, b);
    case '/api/v1/secret/set':
      return kvsSet(c, c.store.secrets, b);
    case '/api/v1/secret/delete':
      return kvsDelete(c, c.store.secrets, b);
    default:
      return entityEndpoint(c, path, b);
  }
}

function entityEndpoint(c: KvsContext, path: string, b: Body): PlatformAnswer {
  const op = path.startsWith('/api/v1/entity/') ? path.slice('/api/v1/entity/'.length) : undefined;
  if (op !== 'get' && op !== 'set' && op !== 'delete') {
    return errorAnswer(op === 'query' ? 501 : 404, 'NOT_IMPLEMENTED', `${path} is not emulated`);
  }
  const bad = checkEntityName(b.entityName);
  if (bad !== undefined) return bad;
  const name = b.entityName as string;
  const ns = c.store.namespace('plain', name);
  if (op === 'get') return kvsGet(c, ns, b, name);
  if (op === 'set') return kvsSet(c, ns, b, name);
  return kvsDelete(c, ns, b);
}
