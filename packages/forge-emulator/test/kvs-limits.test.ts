import { ForgeKvsAPIError, MetadataField, WhereConditions, kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '../src/index.js';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const setup = (opts: Parameters<ReturnType<typeof useEmulator>>[0] = {}) => {
  const emu = make(opts);
  const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } });
  return { emu, inst: emu.install(app) };
};

/** Runs `n` batch calls of one kind and returns how many were answered 429 RATE_LIMIT_EXCEEDED. */
const batchCalls = (kind: 'set' | 'get' | 'delete', n: number) => async (): Promise<number> => {
  let limited = 0;
  for (let i = 0; i < n; i++) {
    const call = kind === 'set' ? kvs.batchSet([{ key: `k${i}`, value: i }]) : kind === 'get' ? kvs.batchGet([{ key: `k${i}` }]) : kvs.batchDelete([{ key: `k${i}` }]);
    await call.catch((e: unknown) => {
      if (!(e instanceof ForgeKvsAPIError) || e.code !== 'RATE_LIMIT_EXCEEDED' || e.responseDetails.status !== 429) throw e;
      limited++;
    });
  }
  return limited;
};

describe('KVS batch operations: "a maximum of 45 batch operations per minute" (real @forge/kvs)', () => {
  it.each(['set', 'get', 'delete'] as const)('the 46th batch%s call in a minute is answered 429 RATE_LIMIT_EXCEEDED', async (kind) => {
    const { inst } = setup();
    expect(await inst.run(batchCalls(kind, 46))).toBe(1);
  });

  it('counts batchSet, batchGet and batchDelete together, per installation', async () => {
    const { emu, inst } = setup();
    const other = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
    await inst.run(batchCalls('set', 20));
    await inst.run(batchCalls('get', 20));
    expect(await inst.run(batchCalls('delete', 6))).toBe(1);
    expect(await other.run(batchCalls('set', 45))).toBe(0);
  });

  it('does not count transactions or single-key calls', async () => {
    const { inst } = setup();
    await inst.run(batchCalls('set', 45));
    await inst.run(async () => {
      await kvs.transact().set('t', 1).execute();
      await kvs.set('s', 1);
    });
    expect(inst.kvs.get('t')).toBe(1);
    expect(await inst.run(batchCalls('get', 1))).toBe(1);
  });

  it.each([
    ['fixed', 2000, 0],
    ['sliding', 2000, 45],
    ['sliding', 60_000, 0],
  ] as const)('%s window: 45 calls at 0:59, then 45 more %i ms later -> %i refused', async (quotaWindow, gapMs, refused) => {
    const { emu, inst } = setup({ quotaWindow });
    await emu.advance(59_000);
    await inst.run(batchCalls('set', 45));
    await emu.advance(gapMs);
    expect(await inst.run(batchCalls('set', 45))).toBe(refused);
  });

  it('is configurable (quotas.kvsBatchOperationsPerMinute)', async () => {
    const { inst } = setup({ quotas: { kvsBatchOperationsPerMinute: 2 } });
    expect(await inst.run(batchCalls('get', 3))).toBe(1);
  });

  it('a batch that repeats a key fails entirely: nothing is written', async () => {
    const { inst } = setup();
    const err = await caught(() => inst.run(() => kvs.batchSet([{ key: 'a', value: 1 }, { key: 'b', value: 2 }, { key: 'a', value: 3 }])));
    expect(err).toBeInstanceOf(ForgeKvsAPIError);
    expect(err).toMatchObject({ code: 'DUPLICATE_KEYS', responseDetails: { status: 400 } });
    expect(err.message).toMatch(/repeats the key 'a'/);
    expect(inst.kvs.entries()).toEqual([]);
    await expect(inst.run(() => kvs.batchDelete([{ key: 'a' }, { key: 'a' }]))).rejects.toMatchObject({ code: 'DUPLICATE_KEYS' });
  });
});

describe('kvs.query() (real @forge/kvs)', () => {
  it.each([
    ['between', WhereConditions.between('a', 'c'), 'INVALID_FILTER_CONDITION'],
    ['equalTo', WhereConditions.equalTo('a'), 'INVALID_FILTER_CONDITION'],
    ['greaterThan', WhereConditions.greaterThan('a'), 'INVALID_FILTER_CONDITION'],
    ['lessThanEqualTo', WhereConditions.lessThanEqualTo('a'), 'INVALID_FILTER_CONDITION'],
  ])('refuses where(key, %s) with 400 instead of returning every key', async (_name, condition, code) => {
    const { inst } = setup();
    inst.kvs.set('a', 1);
    inst.kvs.set('z', 2);
    // The SDK's types allow only beginsWith on plain keys; an app written in JavaScript can pass any condition.
    const err = await caught(() => inst.run(() => kvs.query().where('key', condition as never).getMany()));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/DIFFERENCES\.md/);
  });

  it.each([
    ['a property other than key', { where: [{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }] }, 'QUERY_WHERE_FIELD_INVALID'],
    ['two where clauses', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['a'] }, { property: 'key', condition: 'BEGINS_WITH', values: ['b'] }] }, 'QUERY_WHERE_INVALID'],
    ['BEGINS_WITH without a value', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: [] }] }, 'INVALID_FILTER_VALUES'],
    ['limit 101', { limit: 101 }, 'LIST_QUERY_LIMIT_EXCEEDED'],
  ])('refuses %s', async (_name, options, code) => {
    const { inst } = setup();
    // Options are handed to the query builder as they are: the body the SDK sends carries them unchanged.
    const err = await caught(() => inst.run(() => kvs.query(options as never).getMany()));
    expect(err.code).toBe(code);
  });

  it('returns createdAt, updatedAt and expireTime when metadataFields asks for them', async () => {
    const { emu, inst } = setup();
    await inst.run(() => kvs.set('m:1', 'one', { ttl: { value: 1, unit: 'HOURS' } } as never));
    await emu.advance(5000);
    await inst.run(() => kvs.set('m:1', 'uno', { ttl: { value: 1, unit: 'HOURS' } } as never));
    const [plain, withMeta] = await inst.run(() => Promise.all([
      kvs.query().where('key', WhereConditions.beginsWith('m:')).getMany(),
      kvs.query({ metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME] }).where('key', WhereConditions.beginsWith('m:')).getMany(),
    ]));
    expect(plain.results).toEqual([{ key: 'm:1', value: 'uno' }]);
    expect(withMeta.results).toEqual([{
      key: 'm:1', value: 'uno', createdAt: VIRTUAL_EPOCH_MS, updatedAt: VIRTUAL_EPOCH_MS + 5000,
      expireTime: new Date(VIRTUAL_EPOCH_MS + 5000 + 3_600_000).toISOString(),
    }]);
  });
});
