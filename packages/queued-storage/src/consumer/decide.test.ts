import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_BACKOFF } from '../backoff.js';
import { seededRandom } from '../random.js';
import { decideRetry, platformFailureDelayMs, type RetryInput } from './decide.js';

const HOUR = 3_600_000;
const base: RetryInput = {
  now: 10 * HOUR,
  firstQueuedAt: 10 * HOUR,
  maxAgeMs: 24 * HOUR,
  retryCount: 0,
  maxRetries: 4,
  retentionRemainingMs: 24 * HOUR,
  retentionMarginMs: 60_000,
  priorAttempts: 0,
};
const decide = (patch: Partial<RetryInput>) => decideRetry({ ...base, ...patch }, DEFAULT_BACKOFF, seededRandom(1));

describe('decideRetry', () => {
  test.each([
    ['first failure', {}, 'retry'],
    ['second retry', { retryCount: 2 }, 'retry'],
    ['third retry: the next would be the last (one retry kept in reserve)', { retryCount: 3 }, 'redrive'],
    ['at the retry cap', { retryCount: 4 }, 'redrive'],
    ['past the retry cap', { retryCount: 9 }, 'redrive'],
    ['retention almost over', { retentionRemainingMs: 30_000 }, 'redrive'],
    ['older than maxAge', { firstQueuedAt: 10 * HOUR - 24 * HOUR }, 'dead-letter'],
    ['a custom cap', { retryCount: 0, maxRetries: 1 }, 'redrive'],
    ['retention closing within two margins', { retentionRemainingMs: 100_000 }, 'redrive'],
    ['a crash of the next delivery would outlast the window (G1)', { maxRetries: 1000, retryCount: 3, retentionRemainingMs: 8 * 60_000, failureReserveMs: 55_000 + platformFailureDelayMs(3) }, 'redrive'],
    ['the window still covers a crash of the next delivery', { maxRetries: 1000, retryCount: 1, retentionRemainingMs: 9 * 60_000, failureReserveMs: 55_000 + platformFailureDelayMs(1) }, 'retry'],
  ])('%s -> %s', (_name, patch, action) => {
    expect(decide(patch).action).toBe(action);
  });

  test.each([
    [1, 2, 'retry'],
    [1, 3, 'redrive'],
    [2, 1, 'retry'],
    [2, 2, 'redrive'],
    [3, 1, 'redrive'],
  ])('reserveRetries %i at retryCount %i -> %s', (reserveRetries, retryCount, action) => {
    expect(decide({ reserveRetries, retryCount }).action).toBe(action);
  });

  test('retryAfter is whole seconds in 1..900 and ends inside the retention window (property)', () => {
    fc.assert(
      fc.property(fc.nat(6), fc.nat(40), fc.integer({ min: 0, max: 30 * HOUR }), fc.integer(), (retryCount, prior, remaining, seed) => {
        const d = decideRetry({ ...base, retryCount, priorAttempts: prior, retentionRemainingMs: remaining }, DEFAULT_BACKOFF, seededRandom(seed));
        const platformRetries = retryCount < 3 && remaining - 120_000 >= DEFAULT_BACKOFF.minMs;
        expect(d.action).toBe(platformRetries ? 'retry' : 'redrive');
        const seconds = d.action === 'retry' ? d.retryAfterSeconds : d.action === 'redrive' ? d.delaySeconds : NaN;
        expect(Number.isInteger(seconds)).toBe(true);
        expect(seconds).toBeGreaterThanOrEqual(platformRetries ? 1 : 0);
        expect(seconds).toBeLessThanOrEqual(900);
        const retryEndsMs = d.action === 'retry' ? d.retryAfterSeconds * 1000 : 0;
        expect(retryEndsMs).toBeLessThanOrEqual(Math.max(1000, remaining - 60_000 + 1000));
      }),
    );
  });

  test('delays grow with attempts across lives (prior attempts count)', () => {
    const mean = (priorAttempts: number) => {
      const random = seededRandom(9);
      let sum = 0;
      for (let i = 0; i < 300; i++) {
        const d = decideRetry({ ...base, priorAttempts }, DEFAULT_BACKOFF, random);
        sum += d.action === 'retry' ? d.retryAfterSeconds : 0;
      }
      return sum;
    };
    expect(mean(5)).toBeGreaterThan(mean(1) * 4);
  });
});

describe('platformFailureDelayMs', () => {
  test.each([
    [0, 120_000],
    [1, 240_000],
    [2, 480_000],
    [3, 900_000],
    [40, 900_000],
  ])('after retry %i fails the platform may wait up to %i ms', (retryCount, ms) => {
    expect(platformFailureDelayMs(retryCount)).toBe(ms);
  });

  test('a retry asked with a failure reserve leaves room for that failure', () => {
    const input = { maxRetries: 1000, retryCount: 1, retentionRemainingMs: 9 * 60_000, failureReserveMs: 55_000 + platformFailureDelayMs(1) };
    const decision = decide(input);
    expect(decision.action).toBe('retry');
    const delayMs = decision.action === 'retry' ? decision.delayMs : Infinity;
    expect(delayMs + input.failureReserveMs).toBeLessThanOrEqual(input.retentionRemainingMs - base.retentionMarginMs);
  });
});
