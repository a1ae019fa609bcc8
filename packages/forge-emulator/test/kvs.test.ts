import { ForgeKvsAPIError, FilterConditions, Filter, kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const setup = (quotas = {}) => {
  const emu = make({ quotas });
  const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } });
  return { emu, inst: emu.install(app) };
};

describe('KVS through the real @forge/kvs client', () => {
  it('stores, reads, deletes and answers undefined for a missing key', async () => {
    const { inst } = setup();
    const out = await inst.run(async () => {
      await kvs.set('k1', { a: [1, 2] });
      const before = await kvs.get('k1');
      await kvs.delete('k1');
      return { before, after: await kvs.get('k1'), missing: await kvs.get('never') };
    });
    expect(out).toEqual({ before: { a: [1, 2] }, after: undefined, missing: undefined });
  });

  it.each([
    ['', 'KEY_TOO_SHORT'],
    ['x'.repeat(501), 'KEY_TOO_LONG'],
    ['bad/key', 'INVALID_KEY'],
    ['   ', 'INVALID_KEY'],
  ])('rejects key %j with %s', async (key, code) => {
    const { inst } = setup();
    const err = await caught(() => inst.run(() => kvs.set(key, 1)));
    expect(err).toBeInstanceOf(ForgeKvsAPIError);
    expect(err.code).toBe(code);
  });

  it.each([
    ['too large', { s: 'x'.repeat(240 * 1024) }, 'MAX_SIZE'],
    ['too deep', JSON.parse('['.repeat(33) + ']'.repeat(33)) as unknown, 'MAX_DEPTH'],
  ])('rejects a value that is %s', async (_name, value, code) => {
    const { inst } = setup();
    const err = await caught(() => inst.run(() => kvs.set('k', value)));
    expect(err.code).toBe(code);
  });

  it('accepts the deepest allowed value', async () => {
    const { inst } = setup();
    const value = JSON.parse('['.repeat(32) + ']'.repeat(32)) as unknown;
    await inst.run(() => kvs.set('deep', value));
    expect(inst.kvs.get('deep')).toEqual(value);
  });

  it('batches: per-key results, 25-item cap and duplicate keys fail the call', async () => {
    const { inst } = setup();
    const res = await inst.run(() => kvs.batchSet([{ key: 'a', value: 1 }, { key: 'b/x', value: 2 }]));
    expect(res.successfulKeys).toEqual([{ key: 'a' }]);
    expect(res.failedKeys[0]?.error.code).toBe('INVALID_KEY');
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect((await caught(() => inst.run(() => kvs.batchSet(tooMany)))).code).toBe('MAX_BATCH_SIZE_EXCEEDED');
    expect((await caught(() => inst.run(() => kvs.batchSet([{ key: 'd', value: 1 }, { key: 'd', value: 2 }])))).code).toBe('DUPLICATE_KEYS');
    const got = await inst.run(() => kvs.batchGet([{ key: 'a' }, { key: 'zz' }]));
    expect(got.successfulKeys.map((s) => [s.key, s.value])).toEqual([['a', 1]]);
    expect(got.failedKeys.map((f) => f.key)).toEqual(['zz']);
  });

  it('pages through query results by prefix', async () => {
    const { inst } = setup();
    for (let i = 0; i < 5; i++) inst.kvs.set(`p:${i}`, i);
    inst.kvs.set('other', 0);
    const keys = await inst.run(async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await kvs.query().where('key', FilterConditions.beginsWith('p:')).limit(2).cursor(cursor ?? '').getMany();
        seen.push(...page.results.map((r) => r.key));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return seen;
    });
    expect(keys).toEqual(['p:0', 'p:1', 'p:2', 'p:3', 'p:4']);
  });

  it('expires values after their ttl on the virtual clock', async () => {
    const { inst, emu } = setup();
    await inst.run(() => kvs.set('t', 1, { ttl: { value: 2, unit: 'MINUTES' } } as never));
    await emu.advance(119_000);
    expect(inst.kvs.get('t')).toBe(1);
    await emu.advance(2_000);
    expect(inst.kvs.get('t')).toBeUndefined();
  });

  it('keeps two installations apart', async () => {
    const emu = make();
    const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } });
    const a = emu.install(app, { installationId: 'a' });
    const b = emu.install(app, { installationId: 'b' });
    await a.run(() => kvs.set('shared', 'from-a'));
    expect(await b.run(() => kvs.get('shared'))).toBeUndefined();
    expect(a.metrics().kvsRequests).toBe(1);
    expect(b.metrics().kvsRequests).toBe(1);
  });
});

describe('KVS transactions and entity conditions', () => {
  const filter = () => new Filter<{ version: number }>();

  it('applies all operations or none', async () => {
    const { inst } = setup();
    inst.kvs.set('gone', 1);
    await inst.run(() => kvs.transact().set('x', 1).delete('gone').execute());
    expect(inst.kvs.entries().sort()).toEqual([['x', 1]]);
    const err = await caught(() => inst.run(() => kvs.transact().set('y', 2).set('bad/key', 3).execute()));
    expect(err.code).toBe('INVALID_KEY');
    expect(inst.kvs.get('y')).toBeUndefined();
  });

  it('uses entity conditions as compare-and-set', async () => {
    const { inst } = setup();
    const casSet = (expected: number | undefined, next: number) =>
      inst.run(() =>
        kvs
          .transact()
          .set('rec', { version: next }, {
            entityName: 'versions',
            conditions: expected === undefined ? filter().and('version', FilterConditions.notExists()) : filter().and('version', FilterConditions.equalTo(expected)),
          })
          .set('value-key', next)
          .execute(),
      );
    await casSet(undefined, 1);
    await casSet(1, 2);
    const err = await caught(() => casSet(1, 3));
    expect(err.code).toBe('CONDITION_FAILED');
    expect(inst.kvs.getEntity('versions', 'rec')).toEqual({ version: 2 });
    expect(inst.kvs.get('value-key')).toBe(2);
  });

  it('check() with a failing condition fails the whole transaction', async () => {
    const { inst } = setup();
    await inst.run(() => kvs.entity<{ version: number }>('versions').set('v', { version: 5 }));
    const attempt = (min: number) =>
      inst.run(() => kvs.transact().check('v', { entityName: 'versions', conditions: filter().and('version', FilterConditions.greaterThan(min)) }).set('out', min).execute());
    await attempt(4);
    expect((await caught(() => attempt(5))).code).toBe('CONDITION_FAILED');
    expect(inst.kvs.get('out')).toBe(4);
  });

  it('rejects a key used twice in one transaction', async () => {
    const { inst } = setup();
    expect((await caught(() => inst.run(() => kvs.transact().set('a', 1).delete('a').execute()))).code).toBe('DUPLICATE_KEYS');
  });
});
