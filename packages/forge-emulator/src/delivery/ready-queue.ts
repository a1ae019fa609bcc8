import type { Random } from '../random.js';
import type { Delivery } from './delivery.js';

/** FIFO of deliveries ready to start, with O(1) take and optional seeded reordering. */
export class ReadyQueue {
  private items: Delivery[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(d: Delivery): void {
    d.state = 'ready';
    this.items.push(d);
  }

  /** Next delivery; with probability `reorderRate` a random ready one instead of the oldest. */
  take(random: Random, reorderRate: number): Delivery | undefined {
    if (this.head >= this.items.length) return undefined;
    if (reorderRate > 0 && random.chance(reorderRate)) {
      const i = this.head + Math.floor(random.next() * (this.items.length - this.head));
      const picked = this.items[i] as Delivery;
      this.items[i] = this.items[this.head] as Delivery;
      this.items[this.head] = picked;
    }
    const d = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return d;
  }
}
