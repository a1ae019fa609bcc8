import { describe, expect, test } from 'vitest';
import { FIRST_PAUSE_MS, isRetryable, MAX_PAUSE_MS, pauseBefore, withRetry } from '../src/platform-retry.js';

const kvsError = (status: number, code: string) => Object.assign(new Error(code), { name: 'ForgeKvsAPIError', code, responseDetails: { status, statusText: '' } });

describe('isRetryable', () => {
  test.each<[string, unknown, boolean]>([
    ['KVS 429 RATE_LIMIT_EXCEEDED', kvsError(429, 'RATE_LIMIT_EXCEEDED'), true],
    ['KVS transaction 429 TOO_MANY_REQUESTS', kvsError(429, 'TOO_MANY_REQUESTS'), true],
    ['KVS 500', kvsError(500, 'INTERNAL_SERVER_ERROR'), true],
    ['push RateLimitError', Object.assign(new Error('Too many requests'), { name: 'RateLimitError' }), true],
    ['push InternalServerError', Object.assign(new Error('x'), { name: 'InternalServerError' }), true],
    ['KVS 400', kvsError(400, 'INVALID_KEY'), false],
    ['a plain error', new Error('boom'), false],
    ['not an error', 'boom', false],
  ])('%s', (_name, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

test('pauseBefore doubles from 1 s up to the cap, never past the deadline', () => {
  expect([1, 2, 3, 4, 5, 40].map((n) => pauseBefore(n, 0, 1e9))).toEqual([FIRST_PAUSE_MS, 2000, 4000, MAX_PAUSE_MS, MAX_PAUSE_MS, MAX_PAUSE_MS]);
  expect(pauseBefore(1, 0, FIRST_PAUSE_MS - 1)).toBeUndefined();
});

describe('withRetry (a fake clock: pure retry logic)', () => {
  const clock = () => {
    let t = 0;
    const pauses: number[] = [];
    return { pauses, now: () => t, sleep: (ms: number) => { pauses.push(ms); t += ms; return Promise.resolve(); } };
  };

  test('retries a throttled call until it passes', async () => {
    const c = clock();
    let calls = 0;
    const result = await withRetry(() => (++calls < 3 ? Promise.reject(kvsError(429, 'RATE_LIMIT_EXCEEDED')) : Promise.resolve('ok')), c, 60_000);
    expect(result).toBe('ok');
    expect(c.pauses).toEqual([1000, 2000]);
  });

  test('lets a permanent error through at once', async () => {
    const c = clock();
    await expect(withRetry(() => Promise.reject(kvsError(400, 'INVALID_KEY')), c, 60_000)).rejects.toThrow('INVALID_KEY');
    expect(c.pauses).toEqual([]);
  });

  test('gives up at the deadline with the last refusal', async () => {
    const c = clock();
    await expect(withRetry(() => Promise.reject(kvsError(429, 'RATE_LIMIT_EXCEEDED')), c, 10_000)).rejects.toThrow('RATE_LIMIT_EXCEEDED');
    expect(c.pauses).toEqual([1000, 2000, 4000]);
  });
});
