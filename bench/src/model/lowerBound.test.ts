import { describe, expect, test } from 'vitest';
import { lowerBound } from './lowerBound.js';

const quotas = { kvsWriteUnitsPerMinute: 4000, kvsRequestsPerSecond: 1000 };

describe('lowerBound', () => {
  test.each([
    // 10,000 keys of ~1 KB: 400 batches of 25 KB = 3 units each -> 1200 units -> 18 s at 4000/min.
    { keys: 10_000, bytes: 1024, window: 0, units: 1200, requests: 400, ms: 18_000 },
    // 5,001 small keys: 201 batches of 1 unit; the 60 s arrival window dominates.
    { keys: 5001, bytes: 100, window: 60_000, units: 201, requests: 201, ms: 60_000 },
    // one batch of 10 keys.
    { keys: 10, bytes: 50, window: 0, units: 1, requests: 1, ms: 15 },
  ])('$keys keys of $bytes B over $window ms', ({ keys, bytes, window, units, requests, ms }) => {
    const bound = lowerBound({ finalKeyBytes: Array.from({ length: keys }, () => bytes), arrivalWindowMs: window, quotas });
    expect(bound.minimalUnits).toBe(units);
    expect(bound.minimalRequests).toBe(requests);
    expect(bound.ms).toBeCloseTo(ms, 6);
  });

  test('the request quota binds when it is the tighter one', () => {
    const bound = lowerBound({
      finalKeyBytes: Array.from({ length: 2500 }, () => 10),
      arrivalWindowMs: 0,
      quotas: { kvsWriteUnitsPerMinute: 1_000_000, kvsRequestsPerSecond: 10 },
    });
    expect(bound.minimalRequests).toBe(100);
    expect(bound.quotaMs).toBe(10_000);
  });

  test('no keys -> the arrival window', () => {
    expect(lowerBound({ finalKeyBytes: [], arrivalWindowMs: 500, quotas }).ms).toBe(500);
  });
});
