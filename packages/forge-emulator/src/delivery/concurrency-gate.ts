import type { Delivery } from './delivery.js';

/**
 * Concurrency keys: per installation, shared across queues. A delivery over its key's limit is held
 * until one of the same key finishes.
 */
export class ConcurrencyGate {
  private readonly held = new Map<string, Delivery[]>();
  heldCount = 0;

  private static id(d: Delivery): string {
    return `${d.inst.id}\u0000${d.concurrency?.key ?? ''}`;
  }

  /** Takes a slot for `d` (true), or holds `d` back (false). */
  acquire(d: Delivery): boolean {
    if (d.concurrency === undefined) return true;
    const used = d.inst.concurrency.get(d.concurrency.key) ?? 0;
    if (used < d.concurrency.limit) {
      d.inst.concurrency.set(d.concurrency.key, used + 1);
      return true;
    }
    d.state = 'held';
    const k = ConcurrencyGate.id(d);
    const list = this.held.get(k);
    if (list === undefined) this.held.set(k, [d]);
    else list.push(d);
    this.heldCount++;
    return false;
  }

  /** Frees `d`'s slot; returns a held delivery of the same key that may now run. */
  release(d: Delivery): Delivery | undefined {
    if (d.concurrency === undefined) return undefined;
    const c = d.inst.concurrency;
    c.set(d.concurrency.key, (c.get(d.concurrency.key) ?? 1) - 1);
    const next = this.held.get(ConcurrencyGate.id(d))?.shift();
    if (next !== undefined) this.heldCount--;
    return next;
  }
}
