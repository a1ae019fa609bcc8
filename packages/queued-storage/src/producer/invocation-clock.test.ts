import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random.js';
import { createInvocationClock, MAX_INVOCATION_CLOCKS } from './invocation-clock.js';

describe('createInvocationClock', () => {
  const make = () => {
    let invocation = 'a';
    const clock = createInvocationClock(() => 5_000, seededRandom(1), () => invocation);
    return { clock, enter: (id: string) => (invocation = id) };
  };

  test('within one invocation every stamp exceeds the last, whatever `at` says', () => {
    const { clock } = make();
    const first = clock.stamp(2_000);
    const second = clock.stamp(1_000);
    const third = clock.stamp();
    expect(second > first).toBe(true);
    expect(third > second).toBe(true);
  });

  test('another invocation is ordered by its own `at`, not after what the first issued', () => {
    const { clock, enter } = make();
    const newer = clock.stamp(2_000);
    enter('b');
    const older = clock.stamp(1_000);
    expect(older < newer).toBe(true);
  });

  test('a stamp observed in one invocation raises only that invocation', () => {
    const { clock, enter } = make();
    enter('b');
    const seen = clock.stamp(9_000);
    enter('a');
    clock.observe(seen);
    expect(clock.stamp(1_000) > seen).toBe(true);
    enter('c');
    expect(clock.stamp(1_000) < seen).toBe(true);
  });

  test(`keeps at most ${String(MAX_INVOCATION_CLOCKS)} invocations: the oldest starts again`, () => {
    const { clock, enter } = make();
    const first = clock.stamp(3_000);
    for (let i = 0; i < MAX_INVOCATION_CLOCKS; i++) {
      enter(`other-${String(i)}`);
      clock.stamp();
    }
    enter('a');
    expect(clock.stamp(1_000) < first).toBe(true);
  });
});
