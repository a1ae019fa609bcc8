import type { PlatformAnswer } from '../http/response.js';

/** Runs one KVS endpoint (`/api/v1/...`) with the installation's quotas and faults. */
export type KvsCall = (path: string, body: Record<string, unknown>) => PlatformAnswer;

/** The legacy `storage` API of `@forge/api` <= 7 (`@forge/storage`): GraphQL at `/forge/entities/graphql`. */
export const LEGACY_STORAGE_PATH = '/forge/entities/graphql';

type Gql = { query?: unknown; variables?: Record<string, unknown> };
type KvsError = { code?: string; message?: string };

const gqlError = (a: PlatformAnswer) => {
  const e = (a.body ?? {}) as KvsError;
  return { message: e.message ?? `status ${a.status}`, extensions: { errorType: e.code ?? 'INTERNAL_SERVER_ERROR', statusCode: a.status } };
};
const ok = (data: unknown): PlatformAnswer => ({ status: 200, body: { data } });
const failed = (a: PlatformAnswer): PlatformAnswer => ({ status: 200, body: { data: null, errors: [gqlError(a)] } });
const mutation = (ns: string, method: string, a: PlatformAnswer): PlatformAnswer =>
  ok({ [ns]: { [method]: a.status < 300 ? { success: true, errors: [] } : { success: false, errors: [gqlError(a)] } } });

/**
 * Serves the legacy storage operations by their GraphQL operation name, on the same store, limits and
 * quotas as `@forge/kvs` (custom-entity queries run the `@forge/kvs` index query). Any other operation
 * is refused with an error naming DIFFERENCES.md.
 */
export function handleLegacyStorage(call: KvsCall, body: unknown): PlatformAnswer {
  const { query, variables = {} } = (body ?? {}) as Gql;
  const op = typeof query === 'string' ? /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] : undefined;
  const input = (variables.input ?? {}) as Record<string, unknown>;
  const secret = (v: unknown) => (v === true ? '/api/v1/secret' : '/api/v1');
  switch (op) {
    case 'forge_app_getApplicationStorageEntity': {
      const a = call(`${secret(variables.encrypted)}/get`, { key: variables.key });
      if (a.status === 404) return ok({ appStoredEntity: { key: variables.key, value: null } });
      return a.status === 200 ? ok({ appStoredEntity: { key: variables.key, value: (a.body as { value: unknown }).value } }) : failed(a);
    }
    case 'forge_app_setApplicationStorageEntity':
      return mutation('appStorage', 'setAppStoredEntity', call(`${secret(input.encrypted)}/set`, { key: input.key, value: input.value }));
    case 'forge_app_deleteApplicationStorageEntity':
      return mutation('appStorage', 'deleteAppStoredEntity', call(`${secret(input.encrypted)}/delete`, { key: input.key }));
    case 'forge_app_getApplicationStorageEntities':
      return list(call, variables);
    case 'forge_app_getApplicationStorageCustomEntity': {
      const a = call('/api/v1/entity/get', { entityName: variables.entityName, key: variables.key });
      if (a.status === 404) return ok({ appStoredCustomEntity: { entityName: variables.entityName, key: variables.key, value: null } });
      return a.status === 200 ? ok({ appStoredCustomEntity: { entityName: variables.entityName, key: variables.key, value: (a.body as { value: unknown }).value } }) : failed(a);
    }
    case 'forge_app_setApplicationStorageCustomEntity':
      return mutation('appStorageCustomEntity', 'setAppStoredCustomEntity', call('/api/v1/entity/set', { entityName: input.entityName, key: input.key, value: input.value }));
    case 'forge_app_deleteApplicationStorageCustomEntity':
      return mutation('appStorageCustomEntity', 'deleteAppStoredCustomEntity', call('/api/v1/entity/delete', { entityName: input.entityName, key: input.key }));
    case 'AppStorageCustomEntityQueries':
      return entityQuery(call, variables);
    default:
      return failed({
        status: 501,
        body: { code: 'NOT_EMULATED', message: `[forge-emulator] legacy storage operation '${op ?? 'unknown'}' is not emulated (use @forge/kvs); see DIFFERENCES.md of @forge-queue/forge-emulator` },
      });
  }
}

/** `storage.query().where('key', startsWith(x)).limit(n).cursor(c).getMany()`: each edge carries its own cursor. */
function list(call: KvsCall, v: Record<string, unknown>): PlatformAnswer {
  const where = Array.isArray(v.where) ? (v.where as Array<{ field?: unknown; condition?: unknown; value?: unknown }>) : [];
  const kvsWhere = where.map((w) => ({ property: w.field, condition: w.condition === 'STARTS_WITH' ? 'BEGINS_WITH' : w.condition, values: [w.value] }));
  const a = call('/api/v1/query', {
    ...(typeof v.limit === 'number' ? { limit: v.limit } : {}),
    ...(typeof v.cursor === 'string' ? { after: v.cursor } : {}),
    ...(kvsWhere.length > 0 ? { where: kvsWhere } : {}),
  });
  if (a.status !== 200) return failed(a);
  const data = (a.body as { data: Array<{ key: string; value: unknown }> }).data;
  return ok({ appStoredEntities: { edges: data.map((d) => ({ node: { key: d.key, value: d.value }, cursor: Buffer.from(d.key).toString('base64') })) } });
}

/**
 * `storage.entity(name).query().index(i, { partition }).where(c).andFilter(...).sort(s).limit(n).cursor(c)`:
 * `@forge/storage` sends the same fields `@forge/kvs` sends to `/api/v1/entity/query`; the answer
 * carries the page's entities as edges and the next page's cursor as `cursor`.
 */
function entityQuery(call: KvsCall, v: Record<string, unknown>): PlatformAnswer {
  const fields = ['entityName', 'indexName', 'range', 'filters', 'partition', 'sort', 'cursor', 'limit'];
  const a = call('/api/v1/entity/query', Object.fromEntries(fields.filter((f) => v[f] !== undefined && v[f] !== null).map((f) => [f, v[f]])));
  if (a.status !== 200) return failed(a);
  const { data, cursor } = a.body as { data: Array<{ key: string; value: unknown }>; cursor?: string };
  return ok({
    appStoredCustomEntities: {
      edges: data.map((d) => ({ node: { key: d.key, value: d.value }, cursor: null })),
      pageInfo: { hasNextPage: cursor !== undefined, hasPreviousPage: false },
      totalCount: data.length,
      cursor: cursor ?? null,
    },
  });
}
