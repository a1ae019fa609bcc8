import type { PlatformAnswer } from '../http/response.js';
import type { KvsCost } from '../quota/meter.js';
import type { InstallationMetrics } from '../types.js';
import { batchDelete, batchGet, batchSet } from './batch.js';
import { kvsQuery } from './query.js';
import { entityEndpoint } from './entity.js';
import type { Entities } from './entity-schema.js';
import { kvsDelete, kvsGet, kvsSet } from './single.js';
import type { KvsStore } from './store.js';
import { transact } from './transaction.js';

/** What a KVS endpoint needs: the installation's store, clock, metrics and quota charge. */
export interface KvsContext {
  store: KvsStore;
  now: number;
  metrics: InstallationMetrics;
  requestBytes: number;
  /** The app's declared custom entities (`app.storage.entities`). */
  entities: Entities;
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
