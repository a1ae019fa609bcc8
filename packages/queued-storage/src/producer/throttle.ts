/**
 * Per-installation memory of a recent 429 from KVS: while it lasts the producer queues directly
 * instead of spending a write request that would likely be refused. One per storage instance (a
 * module-level `createQueuedStorage` in a warm Forge runtime keeps it across invocations; tests
 * and harnesses get a fresh one with each instance).
 */
export interface ThrottleMemory {
  isThrottled(installation: string, now: number): boolean;
  markThrottled(installation: string, now: number, cooldownMs: number): void;
}

export function createThrottleMemory(): ThrottleMemory {
  const throttledUntil = new Map<string, number>();
  return {
    isThrottled(installation, now) {
      const until = throttledUntil.get(installation);
      if (until === undefined) return false;
      if (until <= now) {
        throttledUntil.delete(installation);
        return false;
      }
      return true;
    },
    markThrottled(installation, now, cooldownMs) {
      throttledUntil.set(installation, now + cooldownMs);
    },
  };
}
