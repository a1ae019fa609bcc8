import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RETRY_DATA_MAX_BYTES } from './limits.js';
import { buildRetryData, decodeSettled, encodeSettled, parseRetryData } from './retry-data.js';

describe('settled bitmap', () => {
  test('round-trips any set of indexes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }).chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.nat(Math.max(0, n - 1)), { maxLength: n }))), ([n, idx]) => {
        const set = new Set(idx.filter((i) => i < n));
        expect(decodeSettled(encodeSettled(set, n), n)).toEqual(set);
      }),
    );
  });
});

describe('buildRetryData', () => {
  test('stays within 4 KB, dropping the bitmap when needed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.string({ maxLength: 500 }), (count, lastError) => {
        const data = buildRetryData({ attempts: 3, lastDelayMs: 1000, lastError }, new Set([0, count - 1]), count);
        expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThanOrEqual(RETRY_DATA_MAX_BYTES);
        const full = { ...data, lastError: lastError.slice(0, 100), settled: encodeSettled(new Set([0, count - 1]), count) };
        expect(data.settled === undefined).toBe(Buffer.byteLength(JSON.stringify(full)) > RETRY_DATA_MAX_BYTES);
      }),
    );
  });

  test('parse(build(x)) keeps attempts and delay', () => {
    const data = buildRetryData({ attempts: 2, lastDelayMs: 1234, lastError: 'RATE_LIMIT_EXCEEDED' }, new Set([1]), 3);
    expect(parseRetryData(JSON.parse(JSON.stringify(data)))).toEqual(data);
  });

  test.each([[undefined], [null], ['x'], [{ attempts: 1 }], [{ qs: 1, attempts: 'two' }]])('parseRetryData(%j) is undefined', (v) => {
    expect(parseRetryData(v)).toBeUndefined();
  });
});
