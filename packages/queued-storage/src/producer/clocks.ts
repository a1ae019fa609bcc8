import { createClock, type Clock, type SharedTick } from '../hlc.js';
import type { RandomSource } from '../random.js';
import { setNewest } from '../bounded.js';

/** Invocations whose clocks a storage instance keeps (a warm runtime serves many in turn). */
const MAX_CLOCKS = 256;

/**
 * One hybrid logical clock per producer. A producer is one invocation's use of a storage instance:
 * the writes it issues in order (sequential awaits, one batch) and the versions it sees. A module-
 * level `createQueuedStorage` in a warm runtime serves many unrelated invocations (each trigger's
 * event is its own producer); they get clocks of their own, so one trigger's `at` is not raised by
 * what another trigger happened to write earlier in the same runtime, while writes stamped "now" keep
 * the order the instance issued them in (a shared tick). Outside Forge every call shares one clock.
 */
export function createClocks(now: () => number, random: RandomSource): (invocation: string) => Clock {
  const clocks = new Map<string, Clock>();
  const shared: SharedTick = { last: { ms: 0, counter: 0 } };
  return (invocation) => {
    let clock = clocks.get(invocation);
    if (clock === undefined) {
      clock = createClock(now, random, shared);
      setNewest(clocks, invocation, clock, MAX_CLOCKS);
    }
    return clock;
  };
}
