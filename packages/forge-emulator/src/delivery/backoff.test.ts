import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORM_BACKOFF_CAP_MS, platformBackoffMs, retryAfterMs } from './backoff.js';

describe('platform backoff', () => {
  it.each([
    [1, 30_000, 60_000],
    [2, 60_000, 120_000],
    [5, 450_000, 900_000],
    [9, 450_000, 900_000],
  ])('retry %i waits between %i and %i ms', (n, lo, hi) => {
    expect(platformBackoffMs(n, () => 0)).toBe(lo);
    expect(platformBackoffMs(n, () => 0.999999)).toBeLessThanOrEqual(hi);
  });

  it('never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        expect(platformBackoffMs(n, () => r)).toBeLessThanOrEqual(PLATFORM_BACKOFF_CAP_MS);
      }),
    );
  });

  it.each([
    [0, 1000],
    [-5, 1000],
    [30, 30_000],
    [5000, 900_000],
    [undefined, 1000],
  ])('retryAfter %j becomes %i ms', (s, ms) => {
    expect(retryAfterMs(s)).toBe(ms);
  });
});
