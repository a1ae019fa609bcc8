import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareStamps, createClock, isStamp, MAX_COUNTER, nextTick, STAMP_LENGTH, stampTime } from './hlc.js';
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

  test('stamps of one stalled millisecond count up from zero', () => {
    const clock = createClock(() => 10, seededRandom(1));
    const stamps = [clock.stamp(), clock.stamp(), clock.stamp()];
    expect(stamps.map((s) => parseInt(s.slice(9, 13), 36))).toEqual([0, 1, 2]);
    expect(stamps.map(stampTime)).toEqual([10, 10, 10]);
  });
});

describe('one clock for explicit and implicit stamps', () => {
  test('every implicit stamp is greater than the last, whatever mix of `at` and wall time (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.option(fc.integer({ min: 0, max: 1_000_000 }))), { minLength: 2, maxLength: 100 }),
        (steps) => {
          let i = 0;
          const clock = createClock(() => steps[i]![0], seededRandom(3));
          let previous = '';
          const seen = new Set<string>();
          for (; i < steps.length; i++) {
            const at = steps[i]![1] ?? undefined;
            const next = clock.stamp(at);
            // Implicit: above everything issued; explicit: exactly at its time.
            expect(at === undefined ? next > previous : stampTime(next) === at).toBe(true);
            expect(seen.has(next)).toBe(false);
            seen.add(next);
            if (next > previous) previous = next;
          }
        },
      ),
    );
  });

  test('an `at` ahead of the wall clock orders by `at`; later implicit stamps stay above it', () => {
    const clock = createClock(() => 1_000, seededRandom(1));
    const ahead = clock.stamp(5_000);
    expect(stampTime(ahead)).toBe(5_000);
    expect(clock.stamp() > ahead).toBe(true);
  });

  test('observed stamps lift the clock; non-stamps are ignored', () => {
    const clock = createClock(() => 1_000, seededRandom(1));
    const other = createClock(() => 9_000, seededRandom(2)).stamp();
    clock.observe(other);
    clock.observe('not a stamp');
    clock.observe(undefined);
    const next = clock.stamp();
    expect(next > other).toBe(true);
    expect(stampTime(next)).toBe(9_000);
  });

  test('an older observed stamp does not move the clock back', () => {
    const clock = createClock(() => 9_000, seededRandom(1));
    const first = clock.stamp();
    clock.observe(createClock(() => 1_000, seededRandom(2)).stamp());
    expect(clock.stamp() > first).toBe(true);
  });
});

describe('nextTick', () => {
  test('the counter overflows into the next millisecond instead of wrapping', () => {
    const full = nextTick({ ms: 10, counter: MAX_COUNTER - 1 }, 10);
    expect(full).toEqual({ ms: 10, counter: MAX_COUNTER });
    const overflow = nextTick(full, 10);
    expect(overflow).toEqual({ ms: 11, counter: 0 });
    expect(nextTick(overflow, 10)).toEqual({ ms: 11, counter: 1 });
  });

  test('a later wall clock resets the counter; an earlier one keeps counting', () => {
    expect(nextTick({ ms: 10, counter: 7 }, 12.9)).toEqual({ ms: 12, counter: 0 });
    expect(nextTick({ ms: 10, counter: 7 }, 3)).toEqual({ ms: 10, counter: 8 });
  });

  test('MAX_COUNTER is the largest 4-digit base-36 counter, so overflow stamps keep the fixed width', () => {
    expect(MAX_COUNTER.toString(36)).toBe('zzzz');
    expect((MAX_COUNTER + 1).toString(36)).toHaveLength(5);
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
  test('orders by the given time, not the wall clock, even below what it issued', () => {
    const early = createClock(() => 9_000, seededRandom(1)).stamp(1_000);
    const late = createClock(() => 9_000, seededRandom(2)).stamp(5_000);
    expect(early < late).toBe(true);
    expect(stampTime(early)).toBe(1_000);
    const clock = createClock(() => 9_000, seededRandom(1));
    const first = clock.stamp(5_000);
    const older = clock.stamp(1_000);
    expect(older < first).toBe(true);
    expect(stampTime(older)).toBe(1_000);
    expect(clock.stamp(1_000) > older).toBe(true);
    expect(clock.stamp() > first).toBe(true);
  });

  test('a retried older event stamps below a newer one even after the clock saw it', () => {
    const clock = createClock(() => 9_000, seededRandom(1));
    const newer = clock.stamp(7_000);
    clock.observe(createClock(() => 9_000, seededRandom(2)).stamp(8_000));
    const retried = clock.stamp(6_000);
    expect(retried < newer).toBe(true);
    expect(clock.stamp(7_000) > newer).toBe(true);
  });
});
