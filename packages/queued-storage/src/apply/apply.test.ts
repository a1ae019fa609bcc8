import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { memoryKvs } from '../adapters/memory.js';
import type { Operation } from '../operation.js';
import { VERSION_ENTITY_NAME } from '../versions.js';
import { applyOperations } from './index.js';
import { createKnownVersions } from './known-versions.js';

/** One operation per key (the newest stamp), as the producer's coalescing leaves them. */
const coalesceLast = (ops: readonly Operation[]): Operation[] => [...new Map([...ops].sort((x, y) => (x.s < y.s ? -1 : 1)).map((o) => [o.k, o])).values()];

const stamp = (n: number) => n.toString(36).padStart(13, '0') + 'node0000';
const sets = (n: number, from = 0, version = 1): Operation[] =>
  Array.from({ length: n }, (_, i) => ({ k: `k${from + i}`, s: stamp(version), v: { i: from + i, version } }));
const throttled = () => Object.assign(new Error('slow down'), { code: 'RATE_LIMIT_EXCEEDED', status: 429 });

describe.each([true, false])('applyOperations (ordered=%s)', (ordered) => {
  const options = { ordered, readFirst: true };

  test('writes every operation with batched calls', async () => {
    const kvs = memoryKvs();
    const report = await applyOperations(kvs, sets(60), options);
    expect(report.applied).toHaveLength(60);
    expect(kvs.plain.get('k59')).toEqual({ i: 59, version: 1 });
    expect(report.calls.writes).toBe(ordered ? 5 : 3); // 12 keys per transaction, 25 per batchSet
  });

  test('a throttled call stops the run; later groups are left untried', async () => {
    const kvs = memoryKvs();
    let n = 0;
    kvs.fault.call = (method) => {
      if ((method === 'transact' || method === 'batchSet') && ++n === 2) throw throttled();
    };
    const report = await applyOperations(kvs, sets(60), options);
    const per = ordered ? 12 : 25;
    expect(report.applied).toHaveLength(per);
    expect(report.failed.map((f) => f.failure.kind)).toEqual(Array(per).fill('rate-limited'));
    expect(report.notAttempted).toHaveLength(60 - 2 * per);
  });

  test('deletes remove keys', async () => {
    const kvs = memoryKvs();
    await applyOperations(kvs, sets(3), options);
    const report = await applyOperations(kvs, [{ k: 'k1', s: stamp(2), d: 1 }], options);
    expect(report.applied).toEqual([0]);
    expect(kvs.plain.has('k1')).toBe(false);
    expect(kvs.plain.has('k0')).toBe(true);
  });

  test('maxWriteCalls bounds the calls', async () => {
    const report = await applyOperations(memoryKvs(), sets(60), { ...options, maxWriteCalls: 1 });
    expect(report.calls.writes).toBe(1);
    expect(report.applied.length + report.notAttempted.length).toBe(60);
  });
});

describe('unordered mode', () => {
  test('a partly failed batch marks only the failed keys; the retry writes only them', async () => {
    const kvs = memoryKvs();
    kvs.fault.item = (_m, key) => (key === 'k3' ? { code: 'RATE_LIMIT_EXCEEDED', message: '' } : undefined);
    const ops = sets(10);
    const first = await applyOperations(kvs, ops, { ordered: false, readFirst: false });
    expect(first.failed.map((f) => f.index)).toEqual([3]);
    expect(first.applied).toHaveLength(9);
    kvs.fault.item = undefined;
    const written: string[] = [];
    kvs.fault.call = (_m, keys) => written.push(...keys);
    await applyOperations(kvs, ops, { ordered: false, readFirst: false, only: first.failed.map((f) => f.index) });
    expect(written).toEqual(['k3']);
  });

  test('a permanent whole-call failure is isolated to the bad key', async () => {
    const kvs = memoryKvs();
    kvs.fault.call = (method, keys) => {
      if (method === 'batchSet' && keys.includes('k2')) throw Object.assign(new Error('bad'), { code: 'INVALID_VALUE', status: 400 });
    };
    const report = await applyOperations(kvs, sets(5), { ordered: false, readFirst: false });
    expect(report.failed).toEqual([{ index: 2, failure: expect.objectContaining({ kind: 'permanent' }) as unknown }]);
    expect(report.applied.sort()).toEqual([0, 1, 3, 4]);
  });
});

describe('unordered mode with a batch operations budget (chooseUnorderedCall)', () => {
  /** Allows `free` batch operations, then refuses; counts what was taken. */
  const budget = (free: number) => {
    const b = {
      taken: 0,
      allow: () => {
        if (b.taken >= free) return false;
        b.taken += 1;
        return true;
      },
      spent: () => undefined,
      refused: () => undefined,
    };
    return b;
  };
  const ttl = { value: 5, unit: 'MINUTES' as const };

  test('batches while the budget allows, then transactions carrying the ttl; one key a single set', async () => {
    const kvs = memoryKvs();
    const seen: Array<{ call: string; ttls: unknown[] }> = [];
    const port = {
      ...kvs,
      batchSet: (items: Parameters<typeof kvs.batchSet>[0]) => (seen.push({ call: 'batchSet', ttls: items.map((i) => i.ttl) }), kvs.batchSet(items)),
      transact: (tx: Parameters<typeof kvs.transact>[0]) => (seen.push({ call: 'transact', ttls: tx.sets.map((i) => i.ttl) }), kvs.transact(tx)),
      set: (key: string, value: unknown, o?: { ttl?: unknown }) => (seen.push({ call: 'set', ttls: [o?.ttl] }), kvs.set(key, value)),
    } as typeof kvs;
    const b = budget(1);
    const ops = sets(51).map((o) => ({ ...o, t: ttl }));
    const report = await applyOperations(port, ops, { ordered: false, readFirst: false, batchReads: b });
    expect(report.applied).toHaveLength(51);
    expect(seen.map((x) => x.call)).toEqual(['batchSet', 'transact', 'set']);
    expect(seen.flatMap((x) => x.ttls).every((t) => t === ttl)).toBe(true);
    expect(b.taken).toBe(1);
    expect(kvs.plain.get('k50')).toEqual({ i: 50, version: 1 });
  });

  test('a permanent transaction failure is isolated key by key with single writes', async () => {
    const kvs = memoryKvs();
    const calls: string[] = [];
    kvs.fault.call = (method, keys) => {
      calls.push(method);
      if (keys.includes('k2') && method !== 'get') throw Object.assign(new Error('bad'), { code: 'INVALID_VALUE', status: 400 });
    };
    const report = await applyOperations(kvs, sets(5), { ordered: false, readFirst: false, batchReads: budget(0) });
    expect(report.failed).toEqual([{ index: 2, failure: expect.objectContaining({ kind: 'permanent' }) as unknown }]);
    expect(report.applied.sort()).toEqual([0, 1, 3, 4]);
    expect(calls).toEqual(['transact', 'set', 'set', 'set', 'set', 'set']);
  });
});

describe('ordered mode', () => {
  const options = { ordered: true, readFirst: true };

  test('an older write applied after a newer one is skipped as stale', async () => {
    const kvs = memoryKvs();
    await applyOperations(kvs, [{ k: 'a', s: stamp(5), v: 'new' }], options);
    const report = await applyOperations(kvs, [{ k: 'a', s: stamp(3), v: 'old' }], options);
    expect(report.stale).toEqual([0]);
    expect(kvs.plain.get('a')).toBe('new');
  });

  test('a duplicate costs a read and no write', async () => {
    const kvs = memoryKvs();
    const ops = sets(30);
    await applyOperations(kvs, ops, options);
    const again = await applyOperations(kvs, ops, options);
    expect(again.stale).toHaveLength(30);
    expect(again.calls).toEqual({ reads: 2, writes: 0 });
  });

  test('without reading first, the condition still blocks stale writes (conflict, then reread)', async () => {
    const kvs = memoryKvs();
    await applyOperations(kvs, [{ k: 'k1', s: stamp(9), v: 'newest' }], options);
    const report = await applyOperations(kvs, sets(3), { ordered: true, readFirst: false });
    expect(report.stale).toEqual([1]);
    expect(report.applied.sort()).toEqual([0, 2]);
    expect(kvs.plain.get('k1')).toBe('newest');
  });

  test('a delete leaves a tombstone so an older set cannot resurrect the key', async () => {
    const kvs = memoryKvs();
    await applyOperations(kvs, [{ k: 'a', s: stamp(5), d: 1 }], options);
    await applyOperations(kvs, [{ k: 'a', s: stamp(4), v: 'zombie' }], options);
    expect(kvs.plain.has('a')).toBe(false);
    expect(kvs.entities.get(VERSION_ENTITY_NAME)?.size).toBe(1);
  });

  test('final value per key is the greatest stamp under any delivery order and duplication (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.record({ k: fc.constantFrom('a', 'b', 'c'), n: fc.nat(50), del: fc.boolean() }), { minLength: 1, maxLength: 30 })
          .chain((raw) => fc.tuple(fc.constant(raw), fc.shuffledSubarray([...raw.keys()], { minLength: raw.length }))),
        fc.array(fc.nat(), { maxLength: 10 }),
        async ([raw, order], dupes) => {
          const ops: Operation[] = raw.map((o, i) => (o.del ? { k: o.k, s: stamp(o.n * 100 + i), d: 1 } : { k: o.k, s: stamp(o.n * 100 + i), v: i }));
          const deliveries = [...order.map((i) => ops[i]!), ...dupes.map((d) => ops[d % ops.length]!)];
          const kvs = memoryKvs();
          // Two consumer instances, each with its own known versions; deliveries of one to three operations.
          const instances = [createKnownVersions(), createKnownVersions()];
          for (let i = 0; i < deliveries.length; i += 1 + (i % 3)) {
            const batch = coalesceLast(deliveries.slice(i, i + 1 + (i % 3)));
            await applyOperations(kvs, batch, { ordered: true, readFirst: i % 2 === 0, known: instances[i % 2] });
          }
          for (const key of ['a', 'b', 'c']) {
            const last = ops.filter((o) => o.k === key).sort((x, y) => (x.s < y.s ? -1 : 1)).at(-1);
            const expected = last === undefined || 'd' in last ? undefined : last.v;
            expect(kvs.plain.get(key)).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('ordered mode, unknown condition-failure code', () => {
  test('a permanent-looking refusal of a stale write is recognised as stale by reading the version', async () => {
    const kvs = memoryKvs();
    await applyOperations(kvs, [{ k: 'a', s: stamp(9), v: 'new' }], { ordered: true, readFirst: true });
    kvs.fault.call = (method) => {
      if (method === 'transact') throw Object.assign(new Error('cancelled'), { code: 'TRANSACTION_CANCELLED', status: 400 });
    };
    const stale = await applyOperations(kvs, [{ k: 'a', s: stamp(1), v: 'old' }], { ordered: true, readFirst: false });
    expect(stale.stale).toEqual([0]);
    const fresh = await applyOperations(kvs, [{ k: 'a', s: stamp(20), v: 'newer' }], { ordered: true, readFirst: false });
    expect(fresh.failed.map((f) => f.failure.kind)).toEqual(['permanent']);
  });
});
