import type { Delivery } from './delivery.js';

/**
 * Concurrency keys: per installation, shared across queues. `acquire` takes a slot or refuses; the
 * dispatcher retries a refused delivery later with the platform's backoff (concurrencyBackoffMs).
 */
export class ConcurrencyGate {
  /** Takes a slot for `d` (true), or refuses (false: the key is at its limit). */
  acquire(d: Delivery): boolean {
    if (d.concurrency === undefined) return true;
    const used = d.inst.concurrency.get(d.concurrency.key) ?? 0;
    if (used >= d.concurrency.limit) return false;
    d.inst.concurrency.set(d.concurrency.key, used + 1);
    return true;
  }

  /** Frees `d`'s slot. */
  release(d: Delivery): void {
    if (d.concurrency === undefined) return;
    const c = d.inst.concurrency;
    c.set(d.concurrency.key, (c.get(d.concurrency.key) ?? 1) - 1);
  }
}
