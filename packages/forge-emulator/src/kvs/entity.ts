import type { PlatformAnswer } from '../http/response.js';
import { entityQuery } from './entity-query.js';
import { checkEntityValue, entitySchema, isSchema } from './entity-schema.js';
import type { KvsContext } from './service.js';
import { kvsDelete, kvsGet, kvsSet } from './single.js';
import { errorAnswer } from '../http/response.js';

type Body = Record<string, unknown>;

/** `/api/v1/entity/{get,set,delete,query}` for entities declared in the manifest. */
export function entityEndpoint(c: KvsContext, path: string, b: Body): PlatformAnswer {
  const op = path.startsWith('/api/v1/entity/') ? path.slice('/api/v1/entity/'.length) : undefined;
  if (op !== 'get' && op !== 'set' && op !== 'delete' && op !== 'query') return errorAnswer(404, 'NOT_FOUND', `${path} is not emulated`);
  const schema = entitySchema(c.entities, b.entityName);
  if (!isSchema(schema)) return schema;
  if (op === 'query') return entityQuery(c, schema, b);
  const ns = c.store.namespace('plain', schema.name);
  if (op === 'get') return kvsGet(c, ns, b, schema.name);
  if (op === 'delete') return kvsDelete(c, ns, b);
  const bad = checkEntityValue(schema, b.value);
  return bad ?? kvsSet(c, ns, b, schema.name);
}
