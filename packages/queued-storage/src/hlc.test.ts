import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareStamps, createClock, isStamp, STAMP_LENGTH, stampTime } from './hlc.js';
import { seededRandom } from './random.js';

describe('createClock', () => {
  test('stamps strictly increase even when the wall clock stalls or goes back (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 2, maxLength: 200 }), (times) => {
        let i = 0;
        const clock = createClock(() => times[i++ % times.length]!, seededRandom(1));
        let previous = clock.stamp();
        for (let n = 1; n < times.length; n++) {
          const next = clock.stamp();
          expect(isStamp(next)).toBe(true);
          expect(compareStamps(previous, next)).toBe(-1);
          previous = next;
        }
      }),
    );
  });

  test('string order follows time order across clocks', () => {
    const a = createClock(() => 1_000, seededRandom(1));
    const b = createClock(() => 2_000, seededRandom(2));
    expect(a.stamp() < b.stamp()).toBe(true);
  });

  test('two clocks at the same instant differ by their node part', () => {
    const a = createClock(() => 5, seededRandom(1)).stamp();
    const b = createClock(() => 5, seededRandom(2)).stamp();
    expect(a).not.toBe(b);
    expect(a.slice(0, 13)).toBe(b.slice(0, 13));
  });

  test('stampTime reads the wall time back', () => {
    const stamp = createClock(() => 1_764_340_000_123).stamp();
    expect(stamp).toHaveLength(STAMP_LENGTH);
    expect(stampTime(stamp)).toBe(1_764_340_000_123);
  });

  test('the counter overflows into the next millisecond instead of wrapping', () => {
    const clock = createClock(() => 10, seededRandom(1));
    let last = clock.stamp();
    for (let i = 0; i < 36 ** 4 + 5; i++) {
      const next = clock.stamp();
      if (next <= last) throw new Error(`not increasing at ${i}`);
      last = next;
    }
    expect(stampTime(last)).toBe(11);
  });
});

describe('isStamp', () => {
  test.each([
    ['0000000000000abcdefgh', true],
    ['0000000000000ABCDEFGH', false],
    ['short', false],
    [42, false],
  ])('%j -> %s', (value, expected) => {
    expect(isStamp(value)).toBe(expected);
  });
});

describe('stamp(atMs)', () => {
  test('orders by the given time, not the wall clock, and stays unique for equal times', () => {
    const clock = createClock(() => 9_000, seededRandom(1));
    const late = clock.stamp(5_000);
    const early = clock.stamp(1_000);
    const sameAgain = clock.stamp(5_000);
    expect(early < late).toBe(true);
    expect(late < sameAgain).toBe(true);
    expect(stampTime(early)).toBe(1_000);
    expect(clock.stamp() > sameAgain).toBe(true);
  });
});
