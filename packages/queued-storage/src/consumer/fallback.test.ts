import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random.js';
import { fallbackRetryMs } from './fallback.js';
import { resolveConsumerOptions } from './options.js';
import type { RetryInput } from './decide.js';

const HOUR = 3_600_000;
const input: RetryInput = {
  now: 10 * HOUR, firstQueuedAt: 10 * HOUR, maxAgeMs: 72 * HOUR, retryCount: 3, maxRetries: 4,
  retentionRemainingMs: 24 * HOUR, retentionMarginMs: 60_000, priorAttempts: 3,
};

describe('fallbackRetryMs (the reserved platform retry after every fallback step failed)', () => {
  test.each([1, 2, 3, 4, 5])('seed %i: lands one to one and a half quota windows later', (seed) => {
    const o = resolveConsumerOptions({ random: seededRandom(seed), backoff: { baseMs: 1_000 } });
    const ms = fallbackRetryMs(o, input);
    expect(ms).toBeGreaterThanOrEqual(60_000);
    expect(ms).toBeLessThanOrEqual(90_000);
  });

  test.each([
    [30_000, 1_000],
    [100_000, 40_000],
  ])('never past the retention window (remaining %i ms -> at most %i ms)', (remaining, most) => {
    const o = resolveConsumerOptions({ random: seededRandom(1) });
    expect(fallbackRetryMs(o, { ...input, retentionRemainingMs: remaining })).toBeLessThanOrEqual(most);
  });
});
