import { describe, expect, it } from 'vitest';
import { classifyAttempt } from './classify.js';

const rnd = () => 0;

describe('classifyAttempt', () => {
  it.each([
    [{ outcome: 'ok', value: undefined, durationMs: 0 }, { outcome: 'ok' }],
    [{ outcome: 'ok', value: { _retry: true, retryOptions: { retryAfter: 7, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: 1 } }, durationMs: 0 },
      { outcome: 'retry', reason: 'FUNCTION_UPSTREAM_RATE_LIMITED', data: 1, afterMs: 7000 }],
    [{ outcome: 'ok', value: { _retry: true }, durationMs: 0 }, { outcome: 'retry', reason: 'FUNCTION_RETRY_REQUEST', data: undefined, afterMs: 1000 }],
    [{ outcome: 'timeout', durationMs: 0 }, { outcome: 'timeout', error: 'FUNCTION_TIME_OUT', reason: 'FUNCTION_TIME_OUT', data: 'prev', afterMs: 30_000 }],
    [{ outcome: 'error', error: new TypeError('x'), durationMs: 0 },
      { outcome: 'error', error: 'TypeError: x', reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', data: 'prev', afterMs: 30_000 }],
  ] as const)('%j -> %j', (result, verdict) => {
    expect(classifyAttempt(result, 0, 'prev', rnd)).toEqual(verdict);
  });
});
