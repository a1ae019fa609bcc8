import { describe, expect, test } from 'vitest';
import { lowerBound, minimalCalls, QuotaWindow, type ProducingInvocation } from './lowerBound.js';

/** `count` invocations spread evenly over `windowMs`, each writing `keys` keys of `bytes` bytes. */
function spread(count: number, windowMs: number, keys: number, bytes: number): ProducingInvocation[] {
  return Array.from({ length: count }, (_, i) => ({ atMs: Math.floor((i * windowMs) / count), keyBytes: Array.from({ length: keys }, () => bytes) }));
}

const defaults = { kvsWriteUnitsPerMinute: 4000, kvsRequestsPerSecond: 1000 };
const throttled = { kvsWriteUnitsPerMinute: 400, kvsRequestsPerSecond: 100 };

describe('lowerBound', () => {
  test.each([
    // Bulk import: 5,000 triggers in 60 s, one unit each. Fixed: 4,000 in minute 0, the rest at 60 s.
    { name: 'bulk import, fixed', invocations: spread(5000, 60_000, 2, 200), quotas: defaults, window: 'fixed', units: 5000, ms: 60_000 },
    // Sliding: the unit of trigger 4,999 waits for the one spent by trigger 999 (at 11.988 s) to leave the window.
    { name: 'bulk import, sliding', invocations: spread(5000, 60_000, 2, 200), quotas: defaults, window: 'sliding', units: 5000, ms: 71_988 },
    // Throttled: 400 units a minute. Fixed: windows 0..11 take 400 each; the last 200 at 12 min, 100 a second.
    { name: 'throttled, fixed', invocations: spread(5000, 60_000, 2, 200), quotas: throttled, window: 'fixed', units: 5000, ms: 721_000 },
    // Sliding: trigger 4,999 follows trigger 199 (2.388 s) twelve windows later.
    { name: 'throttled, sliding', invocations: spread(5000, 60_000, 2, 200), quotas: throttled, window: 'sliding', units: 5000, ms: 722_388 },
    // Large sync: one job, 10,000 keys of ~1 KB: 400 calls of 3 units fit one window at once.
    { name: 'large sync', invocations: [{ atMs: 0, keyBytes: Array.from({ length: 10_000 }, () => 1024) }], quotas: defaults, window: 'fixed', units: 1200, ms: 0 },
  ] as const)('$name', ({ invocations, quotas, window, units, ms }) => {
    const bound = lowerBound({ invocations, arrivalWindowMs: invocations.length > 1 ? 60_000 : 0, quotas, window });
    expect(bound.minimalUnits).toBe(units);
    expect(bound.ms).toBe(ms);
  });

  test.each(['fixed', 'sliding'] as const)('the request quota binds when it is the tighter one (%s)', (window) => {
    const bound = lowerBound({
      invocations: [{ atMs: 0, keyBytes: Array.from({ length: 2500 }, () => 10) }],
      arrivalWindowMs: 0,
      quotas: { kvsWriteUnitsPerMinute: 1_000_000, kvsRequestsPerSecond: 10 },
      window,
    });
    expect(bound.minimalRequests).toBe(100);
    expect(bound.quotaMs).toBe(9_000);
  });

  test.each(['fixed', 'sliding'] as const)('backfill: 50,000 keys of ~110 B, 500 sequential search pages, no latency -> 2,000 calls at 1,000 a second (%s)', (window) => {
    const bound = lowerBound({ invocations: [{ atMs: 0, keyBytes: Array.from({ length: 50_000 }, () => 110), sequentialRequests: 500 }], arrivalWindowMs: 0, quotas: defaults, window });
    expect(bound.minimalUnits).toBe(2000);
    expect(bound.ms).toBe(1000);
  });

  test('a latency per request makes sequential pages bind: 500 pages x 50 ms', () => {
    const bound = lowerBound({
      invocations: [{ atMs: 0, keyBytes: Array.from({ length: 50_000 }, () => 110), sequentialRequests: 500 }], arrivalWindowMs: 0, quotas: defaults, window: 'fixed', requestLatencyMs: 50,
    });
    expect(bound.ms).toBe(501 * 50);
  });

  test.each(['fixed', 'sliding'] as const)('the invocation quota places producing invocations (%s): 3 a minute, the fourth waits', (window) => {
    const bound = lowerBound({ invocations: spread(4, 1000, 1, 10), arrivalWindowMs: 1000, quotas: { ...defaults, invocationsPerMinute: 3 }, window });
    expect(bound.ms).toBe(60_000);
  });

  test('an invocation that writes nothing still costs one unit; no invocation -> the arrival window', () => {
    expect(minimalCalls([])).toEqual([1]);
    expect(lowerBound({ invocations: [], arrivalWindowMs: 500, quotas: defaults, window: 'fixed' }).ms).toBe(500);
  });
});

describe('QuotaWindow', () => {
  test.each([
    // 3 a minute, 3 taken at 10 s: fixed reopens at 60 s, sliding when the first leaves at 70 s.
    { model: 'fixed', ms: 60_000 },
    { model: 'sliding', ms: 70_000 },
  ] as const)('$model: the fourth call waits until $ms', ({ model, ms }) => {
    const w = new QuotaWindow(model, 3, 60_000);
    for (let i = 0; i < 3; i++) w.take(10_000, 1);
    expect(w.earliest(10_000, 1)).toBe(ms);
  });
});
