/**
 * Per-installation memory of a recent 429 from KVS: while it lasts the producer queues directly
 * instead of spending a write request that would likely be refused. Module state on purpose
 * (Forge reuses warm runtimes; losing it only costs one extra attempt).
 */
const throttledUntil = new Map<string, number>();

export function isThrottled(installation: string, now: number): boolean {
  const until = throttledUntil.get(installation);
  if (until === undefined) return false;
  if (until <= now) {
    throttledUntil.delete(installation);
    return false;
  }
  return true;
}

export function markThrottled(installation: string, now: number, cooldownMs: number): void {
  throttledUntil.set(installation, now + cooldownMs);
}

/** Forget every mark (tests). */
export function resetThrottle(): void {
  throttledUntil.clear();
}
