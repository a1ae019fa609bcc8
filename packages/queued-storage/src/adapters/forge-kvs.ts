import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { KvsPort, SetItem, Transaction } from '../ports.js';

/** KvsPort over the real `@forge/kvs` client (the default). */
export function forgeKvs(): KvsPort {
  const options = (item: Pick<SetItem, 'ttl'>) => (item.ttl ? { ttl: item.ttl } : undefined);
  return {
    get: (key) => kvs.get(key),
    set: (key, value, opts) => kvs.set(key, value, opts?.ttl ? { ttl: opts.ttl } : undefined),
    delete: (key) => kvs.delete(key),
    setSecret: (key, value) => kvs.setSecret(key, value),
    async batchSet(items) {
      return kvs.batchSet(items.map((i) => ({ key: i.key, value: i.value, entityName: i.entityName, options: options(i) })));
    },
    async batchDelete(items) {
      return kvs.batchDelete(items.map((i) => ({ key: i.key, entityName: i.entityName })));
    },
    async batchGet(items) {
      const result = await kvs.batchGet(items.map((i) => ({ key: i.key, entityName: i.entityName })));
      return { found: result.successfulKeys, failedKeys: result.failedKeys };
    },
    async transact(transaction: Transaction) {
      let tx = kvs.transact();
      for (const s of transaction.sets) {
        if (s.entityName === undefined) {
          tx = tx.set(s.key, s.value, undefined, options(s));
          continue;
        }
        const conditions = s.condition
          ? new Filter<Record<string, unknown>>()
              .or(s.condition.attribute, FilterConditions.notExists())
              .or(s.condition.attribute, FilterConditions.lessThan(s.condition.absentOrBelow))
          : undefined;
        tx = tx.set(s.key, s.value as Record<string, unknown>, conditions ? { entityName: s.entityName, conditions } : { entityName: s.entityName }, options(s));
      }
      for (const d of transaction.deletes) {
        tx = d.entityName === undefined ? tx.delete(d.key) : tx.delete(d.key, { entityName: d.entityName });
      }
      await tx.execute();
    },
    async list(prefix, { limit, cursor }) {
      let query = kvs.query().where('key', { condition: 'BEGINS_WITH', values: [prefix] }).limit(limit);
      if (cursor !== undefined) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      return { entries: page.results.map((r) => ({ key: r.key, value: r.value })), nextCursor: page.nextCursor };
    },
  };
}
