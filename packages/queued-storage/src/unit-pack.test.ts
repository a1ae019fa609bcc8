import { describe, expect, test } from 'vitest';
import { packByUnits, quotaUnitsOf } from './unit-pack.js';

const KB = 1024;
const sized = (sizes: number[]) => sizes.map((bytes, i) => ({ item: i, bytes }));
const units = (bins: number[][], sizes: number[]) => bins.reduce((n, bin) => n + quotaUnitsOf(bin.reduce((s, i) => s + (sizes[i] ?? 0), 0)), 0);
const fill = (n: number, bytes: number): number[] => Array.from({ length: n }, () => bytes);
const limits = { maxItems: 12, maxBytes: 3 * KB * KB };

describe('packByUnits', () => {
  test.each([
    // [case, item sizes, expected call sizes, expected units]
    ['~1.05 KB items: 9 to a call (one unit), not 12 (two units)', fill(18, 1075), [9, 9], 2],
    ['12 tiny items: one call, one unit (item limit)', fill(13, 100), [12, 1], 2],
    ['25 KB items share calls (5 units for two, not 3 + 3)', fill(4, 25 * KB), [2, 2], 10],
    ['a 9 KB item then 2 KB items: a 2 KB item never opens a second unit', [9 * KB, 2 * KB, 2 * KB, 2 * KB], [1, 3], 2],
    ['exactly one unit fits', [5 * KB, 5 * KB, 1], [2, 1], 2],
  ])('%s', (_name, sizes, calls, expectedUnits) => {
    const { bins, oversized } = packByUnits(sized(sizes), limits);
    expect(oversized).toEqual([]);
    expect(bins.map((b) => b.length)).toEqual(calls);
    expect(units(bins, sizes)).toBe(expectedUnits);
    expect(bins.flat()).toEqual(sizes.map((_, i) => i));
  });

  test.each([
    [fill(30, 900), 25],
    [fill(40, 2000), 12],
    [fill(50, 300_000), 12],
  ])('never more than the item and byte limits (%#)', (sizes, maxItems) => {
    const { bins } = packByUnits(sized(sizes), { maxItems, maxBytes: KB * KB });
    for (const bin of bins) {
      expect(bin.length).toBeLessThanOrEqual(maxItems);
      expect(bin.reduce((s, i) => s + (sizes[i] ?? 0), 0)).toBeLessThanOrEqual(KB * KB);
    }
  });

  test('never more units than one call per item, and fewer than size-blind next-fit for ~1 KB items', () => {
    const sizes = fill(10_000, 1075);
    const { bins } = packByUnits(sized(sizes), limits);
    expect(units(bins, sizes)).toBeLessThan(sizes.length);
    const blind = Math.ceil(sizes.length / 12) * quotaUnitsOf(12 * 1075);
    expect(units(bins, sizes)).toBeLessThan(blind);
  });

  test('oversized items are returned apart; bad limits throw TypeError', () => {
    expect(packByUnits(sized([10, 5000, 10]), { maxItems: 5, maxBytes: 1000 }).oversized).toEqual([1]);
    expect(() => packByUnits([], { maxItems: 0, maxBytes: 1 })).toThrow(TypeError);
  });
});
