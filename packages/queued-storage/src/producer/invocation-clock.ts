import { createClock, type Clock } from '../hlc.js';
import type { RandomSource } from '../random.js';
import { invocationKey } from '../runtime.js';

/** Invocations whose clocks one storage instance keeps at once; past this the oldest is forgotten. */
export const MAX_INVOCATION_CLOCKS = 64;

/**
 * The producer clock of a storage instance: one hybrid logical clock per invocation that uses it.
 * A module-level instance serves every invocation of a warm runtime, and those run concurrently (a
 * retried trigger may run long after a newer one): they are producers of their own, not one sequence.
 * Each invocation's stamps exceed everything it issued and observed; `at` orders its writes against
 * other invocations' (a trigger stamping with the event's time is not overtaken by an older event's retry).
 */
export function createInvocationClock(now: () => number, random: RandomSource, key: () => string = invocationKey): Clock {
  const clocks = new Map<string, Clock>();
  const current = (): Clock => {
    const k = key();
    let clock = clocks.get(k);
    if (clock === undefined) {
      clock = createClock(now, random);
      clocks.set(k, clock);
      const oldest = clocks.keys().next().value;
      if (clocks.size > MAX_INVOCATION_CLOCKS && oldest !== undefined) clocks.delete(oldest);
    }
    return clock;
  };
  return {
    stamp: (atMs) => current().stamp(atMs),
    observe: (stamp) => {
      current().observe(stamp);
    },
  };
}
