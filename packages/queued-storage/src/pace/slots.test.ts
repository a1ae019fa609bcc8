import { describe, expect, test } from 'vitest';
import { freshEstimate, type QuotaEstimate } from './estimate.js';
import { bookableSlot } from './slots.js';

const estimate = (limit: number, spentAt: number[], over: Partial<QuotaEstimate> = {}): QuotaEstimate => ({
  ...freshEstimate(limit), spent: spentAt.map((at) => ({ at, units: 1 })), ...over,
});

describe('bookableSlot', () => {
  test.each<[string, QuotaEstimate, number[], number, number]>([
    ['room in the window: now', estimate(3, [0, 100]), [], 1_000, 1_000],
    ['window full: when the oldest unit leaves it', estimate(3, [0, 100, 200]), [], 1_000, 60_000],
    ['booked units count as spent at their times', estimate(3, [0, 100, 200]), [60_000, 60_100], 1_000, 60_200],
    ['the third booking follows the third oldest unit', estimate(3, [0, 100, 200]), [60_000, 60_100, 60_200], 1_000, 120_000],
    ['never before a refusal block ends', estimate(3, [0], { blockedUntil: 5_000 }), [], 1_000, 5_000],
    ['never before the last booking plus the gap', estimate(10, [0]), [2_000], 1_000, 2_010],
  ])('%s', (_name, e, booked, now, at) => {
    expect(bookableSlot(e, booked, now, 1, 10)).toBe(at);
  });

  test('units spent in one call count one by one', () => {
    const e: QuotaEstimate = { ...freshEstimate(4), spent: [{ at: 0, units: 3 }, { at: 500, units: 1 }] };
    expect(bookableSlot(e, [], 1_000, 2, 0)).toBe(60_000);
    expect(bookableSlot(e, [], 1_000, 4, 0)).toBe(60_500);
  });
});
