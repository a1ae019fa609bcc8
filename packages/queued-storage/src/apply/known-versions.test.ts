import { describe, expect, test } from 'vitest';
import { memoryKvs } from '../adapters/memory.js';
import type { Operation } from '../operation.js';
import { applyOperations } from './index.js';
import { createKnownVersions, knownStale, knownVersionsByInstallation } from './known-versions.js';

const stamp = (n: number) => n.toString(36).padStart(13, '0') + 'node0000';

describe('createKnownVersions', () => {
  test('keeps the newest stamp per key; an older one never lowers it', () => {
    const known = createKnownVersions();
    known.raise('a', stamp(5));
    known.raise('a', stamp(3));
    expect(known.get('a')).toBe(stamp(5));
    known.raise('a', stamp(8));
    expect(known.get('a')).toBe(stamp(8));
  });

  test.each([
    [stamp(4), true],
    [stamp(5), true],
    [stamp(6), false],
  ])('an operation stamped %s against a known 5 is stale: %s', (s, stale) => {
    const known = createKnownVersions();
    known.raise('a', stamp(5));
    expect(knownStale(known, 'a', s)).toBe(stale);
    expect(knownStale(known, 'b', s)).toBe(false);
  });

  test('forgets the least recently raised key past its bound', () => {
    const known = createKnownVersions(2);
    known.raise('a', stamp(1));
    known.raise('b', stamp(1));
    known.raise('a', stamp(2));
    known.raise('c', stamp(1));
    expect([known.get('a'), known.get('b'), known.get('c')]).toEqual([stamp(2), undefined, stamp(1)]);
  });

  test('installations are kept apart', () => {
    const byInstallation = knownVersionsByInstallation();
    byInstallation.of('one').raise('a', stamp(1));
    expect(byInstallation.of('two').get('a')).toBeUndefined();
    expect(byInstallation.of('one').get('a')).toBe(stamp(1));
  });
});

describe('applyOperations with known versions (ordered)', () => {
  test('a known-stale operation costs no call', async () => {
    const kvs = memoryKvs();
    const known = createKnownVersions();
    await applyOperations(kvs, [{ k: 'hot', s: stamp(9), v: 'new' }], { ordered: true, readFirst: true, known });
    const report = await applyOperations(kvs, [{ k: 'hot', s: stamp(3), v: 'old' }, { k: 'fresh', s: stamp(3), v: 1 }], { ordered: true, readFirst: false, known });
    expect(report.stale).toEqual([0]);
    expect(report.applied).toEqual([1]);
    expect(report.calls).toEqual({ reads: 0, writes: 1 });
    expect(kvs.plain.get('hot')).toBe('new');
  });

  test('a refused group splits off the key seen before; when the rest passes it is stale without a call of its own', async () => {
    const kvs = memoryKvs();
    const known = createKnownVersions();
    // Another instance wrote `hot` at 9; this one only knows it at 5.
    await applyOperations(kvs, [{ k: 'hot', s: stamp(9), v: 'newest' }], { ordered: true, readFirst: false });
    known.raise('hot', stamp(5));
    const calls: string[][] = [];
    kvs.fault.call = (method, keys) => {
      if (method === 'transact') calls.push(keys.filter((k) => !k.startsWith('__qs:')));
    };
    const ops: Operation[] = [{ k: 'hot', s: stamp(7), v: 'older' }, { k: 'fresh', s: stamp(7), v: 1 }];
    const report = await applyOperations(kvs, ops, { ordered: true, readFirst: false, known, batchReads: { allow: () => false, spent: () => undefined, refused: () => undefined } });
    expect(report.applied).toEqual([1]);
    expect(report.stale).toEqual([0]);
    expect(calls).toEqual([['hot', 'fresh'], ['fresh']]);
    expect(known.get('hot')).toBe(stamp(7));
    expect(kvs.plain.get('hot')).toBe('newest');
  });

  test('when the rest is refused too, the suspect is tried on its own (nothing guessed)', async () => {
    const kvs = memoryKvs();
    const known = createKnownVersions();
    await applyOperations(kvs, [{ k: 'fresh', s: stamp(9), v: 'newest' }], { ordered: true, readFirst: false });
    known.raise('hot', stamp(5));
    const ops: Operation[] = [{ k: 'hot', s: stamp(7), v: 'newer' }, { k: 'fresh', s: stamp(7), v: 'older' }];
    const report = await applyOperations(kvs, ops, { ordered: true, readFirst: false, known });
    expect(report.applied).toEqual([0]);
    expect(report.stale).toEqual([1]);
    expect(kvs.plain.get('hot')).toBe('newer');
    expect(kvs.plain.get('fresh')).toBe('newest');
  });
});

describe('applyOperations with a pacer (takeWrite)', () => {
  test('a call the pacer holds back is not made; the run stops with its operations untried', async () => {
    const kvs = memoryKvs();
    const taken: number[] = [];
    const ops: Operation[] = Array.from({ length: 30 }, (_, i) => ({ k: `k${i}`, s: stamp(1), v: i }));
    const report = await applyOperations(kvs, ops, { ordered: true, readFirst: false, takeWrite: (units) => taken.push(units) < 2 });
    expect(taken).toEqual([1, 1]);
    expect(report.applied).toHaveLength(12);
    expect(report.paced).toBe(true);
    expect(report.notAttempted).toHaveLength(18);
    expect(report.calls.writes).toBe(1);
  });
});
