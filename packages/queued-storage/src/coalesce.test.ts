import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { coalesce } from './coalesce.js';
import type { Operation } from './operation.js';

const stamp = (n: number) => n.toString(36).padStart(13, '0') + 'node0000';

describe('coalesce', () => {
  test('keeps the last write per key, in first-seen key order', () => {
    const ops: Operation[] = [
      { k: 'a', s: stamp(1), v: 1 },
      { k: 'b', s: stamp(2), v: 2 },
      { k: 'a', s: stamp(3), d: 1 },
      { k: 'b', s: stamp(4), v: 4 },
    ];
    expect(coalesce(ops)).toEqual([
      { k: 'a', s: stamp(3), d: 1 },
      { k: 'b', s: stamp(4), v: 4 },
    ]);
  });

  test('an older write arriving later does not win', () => {
    expect(coalesce<Operation>([{ k: 'a', s: stamp(9), v: 'new' }, { k: 'a', s: stamp(1), v: 'old' }])).toEqual([{ k: 'a', s: stamp(9), v: 'new' }]);
  });

  test('result per key is the maximum stamp, whatever the input order (property)', () => {
    const op = fc.record({ k: fc.constantFrom('a', 'b', 'c', 'd'), n: fc.nat(1000), v: fc.integer() });
    fc.assert(
      fc.property(
        fc.uniqueArray(op, { selector: (o) => o.n, maxLength: 60 }).chain((raw) => fc.shuffledSubarray(raw, { minLength: raw.length }).map((shuffled) => [raw, shuffled] as const)),
        ([raw, shuffled]) => {
        const ops: Operation[] = raw.map((o) => ({ k: o.k, s: stamp(o.n), v: o.v }));
        const out = coalesce(shuffled.map((o): Operation => ({ k: o.k, s: stamp(o.n), v: o.v })));
        expect(new Set(out.map((o) => o.k)).size).toBe(out.length);
        for (const o of out) {
          const best = ops.filter((x) => x.k === o.k).reduce((m, x) => (x.s > m.s ? x : m));
          expect(o).toEqual(best);
        }
        expect(out.length).toBe(new Set(ops.map((o) => o.k)).size);
        },
      ),
    );
  });
});
