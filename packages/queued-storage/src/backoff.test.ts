import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  jitteredDelayMs,
  resolveBackoffPolicy,
  toRetryAfterSeconds,
  type BackoffPolicy,
  type JitterStrategy,
} from './backoff.js';
import { seededRandom } from './random.js';

const strategies: JitterStrategy[] = ['full', 'equal', 'decorrelated'];
const policy = (strategy: JitterStrategy): BackoffPolicy => ({ ...DEFAULT_BACKOFF, strategy });

describe('jitteredDelayMs', () => {
  test.each(strategies)('%s stays within [minMs, capMs] (property)', (strategy) => {
    fc.assert(
      fc.property(fc.nat(200), fc.integer({ min: 0, max: 2_000_000 }), fc.integer(), (attempt, previous, seed) => {
        const d = jitteredDelayMs(policy(strategy), { attempt, previousDelayMs: previous }, seededRandom(seed));
        expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.minMs);
        expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
      }),
    );
  });

  test.each([
    ['full', 0, 0, DEFAULT_BACKOFF.baseMs],
    ['full', 3, 0, DEFAULT_BACKOFF.baseMs * 8],
    ['equal', 3, DEFAULT_BACKOFF.baseMs * 4, DEFAULT_BACKOFF.baseMs * 8],
    ['full', 40, 0, DEFAULT_BACKOFF.capMs],
  ] as const)('%s attempt %i lies in [%i, %i]', (strategy, attempt, low, high) => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const d = jitteredDelayMs(policy(strategy), { attempt }, random);
      expect(d).toBeGreaterThanOrEqual(Math.max(low, DEFAULT_BACKOFF.minMs));
      expect(d).toBeLessThanOrEqual(high);
    }
  });

  test.each(['full', 'equal'] as const)('%s grows with the attempt (mean of many draws)', (strategy) => {
    const mean = (attempt: number) => {
      const random = seededRandom(11);
      let sum = 0;
      for (let i = 0; i < 500; i++) sum += jitteredDelayMs(policy(strategy), { attempt }, random);
      return sum / 500;
    };
    expect(mean(1)).toBeGreaterThan(mean(0));
    expect(mean(4)).toBeGreaterThan(mean(2) * 2);
  });

  test('decorrelated grows from the previous delay', () => {
    const random = seededRandom(3);
    let small = 0;
    let large = 0;
    for (let i = 0; i < 300; i++) {
      small += jitteredDelayMs(policy('decorrelated'), { attempt: 0, previousDelayMs: 5_000 }, random);
      large += jitteredDelayMs(policy('decorrelated'), { attempt: 0, previousDelayMs: 100_000 }, random);
    }
    expect(large).toBeGreaterThan(small * 5);
  });

  test.each(strategies)('%s jitter spreads: many distinct delays, not one value', (strategy) => {
    const random = seededRandom(5);
    const delays = new Set<number>();
    for (let i = 0; i < 100; i++) delays.add(Math.round(jitteredDelayMs(policy(strategy), { attempt: 5, previousDelayMs: 60_000 }, random)));
    expect(delays.size).toBeGreaterThan(80);
  });

  test.each(strategies)('%s is deterministic for a seed', (strategy) => {
    const run = (seed: number) => Array.from({ length: 10 }, (_, attempt) => jitteredDelayMs(policy(strategy), { attempt }, seededRandom(seed)));
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});

describe('backoffDelayMs and retention', () => {
  test('never ends past the retention window minus the margin, never below minMs (property)', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.integer({ min: 0, max: 90_000_000 }), fc.integer(), (attempt, remaining, seed) => {
        const d = backoffDelayMs(DEFAULT_BACKOFF, { attempt, retentionRemainingMs: remaining, retentionMarginMs: 60_000 }, seededRandom(seed));
        expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.minMs);
        expect(d).toBeLessThanOrEqual(Math.max(DEFAULT_BACKOFF.minMs, remaining - 60_000));
      }),
    );
  });
});

describe('toRetryAfterSeconds', () => {
  test.each([
    [0, 1],
    [-5, 1],
    [1, 1],
    [1000, 1],
    [1001, 2],
    [900_000, 900],
    [5_000_000, 900],
    [Infinity, 900],
  ])('%i ms -> %i s', (ms, s) => {
    expect(toRetryAfterSeconds(ms)).toBe(s);
  });
});

describe('resolveBackoffPolicy', () => {
  test.each([
    [{ strategy: 'linear' }],
    [{ baseMs: 0 }],
    [{ capMs: -1 }],
    [{ capMs: 10, minMs: 100 }],
    [{ minMs: NaN }],
  ])('rejects %j with a TypeError', (options) => {
    expect(() => resolveBackoffPolicy(options as Partial<BackoffPolicy>)).toThrow(TypeError);
  });

  test('fills defaults', () => {
    expect(resolveBackoffPolicy({ strategy: 'equal' })).toEqual({ ...DEFAULT_BACKOFF, strategy: 'equal' });
  });
});
