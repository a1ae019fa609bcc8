import { describe, expect, it } from 'vitest';
import { classifyAttempt, MAX_RETRY_DATA_BYTES } from './classify.js';

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

  const withData = (retryData: unknown) => ({ outcome: 'ok' as const, value: { _retry: true, retryOptions: { retryAfter: 7, retryData } }, durationMs: 0 });

  it('accepts retryData of exactly 4 KB of JSON', () => {
    expect(classifyAttempt(withData('x'.repeat(MAX_RETRY_DATA_BYTES - 2)), 0, 'prev', rnd)).toMatchObject({ outcome: 'retry', afterMs: 7000 });
  });

  it.each([
    ['one byte over 4 KB', 'x'.repeat(MAX_RETRY_DATA_BYTES - 1)],
    ['4 KB of multi-byte text', 'é'.repeat(MAX_RETRY_DATA_BYTES / 2)],
  ])('treats retryData of %s as a failed invocation', (_name, data) => {
    expect(classifyAttempt(withData(data), 0, 'prev', rnd)).toMatchObject({
      outcome: 'error', reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', data: 'prev', afterMs: 30_000, error: expect.stringMatching(/retryData is \d+ bytes.*4 KB/) as unknown,
    });
  });

  it('treats retryData that cannot be serialised as a failed invocation', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(classifyAttempt(withData(cyclic), 0, undefined, rnd)).toMatchObject({ outcome: 'error', error: expect.stringContaining('RetryDataInvalid') as unknown });
  });
});
