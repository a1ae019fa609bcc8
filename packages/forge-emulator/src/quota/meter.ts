import type { QuotaUsage, Quotas } from '../types.js';
import { FixedWindow } from './window.js';

export const DEFAULT_QUOTAS: Quotas = {
  kvsRequestsPerSecond: 1000,
  kvsReadUnitsPerMinute: 4000,
  kvsWriteUnitsPerMinute: 4000,
  kvsKeyWriteBytesPerSecond: 1024 * 1024,
  pushEventsPerMinute: 500,
  invocationsPerMinute: 5000,
};

export interface KvsCost {
  readUnits: number;
  writeUnits: number;
  /** Bytes written per key (for the per-key write quota). */
  keyBytes?: Array<[string, number]>;
}

/** Per-installation quota state. Rejected requests consume nothing. */
export class QuotaMeter {
  private readonly requests: FixedWindow;
  private readonly reads: FixedWindow;
  private readonly writes: FixedWindow;
  readonly pushes: FixedWindow;
  readonly invocations: FixedWindow;
  private keySecond = -1;
  private readonly keyBytes = new Map<string, number>();

  constructor(private readonly quotas: Quotas) {
    this.requests = new FixedWindow(quotas.kvsRequestsPerSecond, 1000);
    this.reads = new FixedWindow(quotas.kvsReadUnitsPerMinute, 60_000);
    this.writes = new FixedWindow(quotas.kvsWriteUnitsPerMinute, 60_000);
    this.pushes = new FixedWindow(quotas.pushEventsPerMinute, 60_000);
    this.invocations = new FixedWindow(quotas.invocationsPerMinute, 60_000);
  }

  /** Takes the cost if every quota allows it; returns false (taking nothing) otherwise. */
  takeKvs(now: number, cost: KvsCost): boolean {
    if (!this.requests.fits(now, 1) || !this.reads.fits(now, cost.readUnits) || !this.writes.fits(now, cost.writeUnits)) return false;
    const second = now - (now % 1000);
    if (second !== this.keySecond) {
      this.keySecond = second;
      this.keyBytes.clear();
    }
    const limit = this.quotas.kvsKeyWriteBytesPerSecond;
    for (const [key, bytes] of cost.keyBytes ?? []) {
      if ((this.keyBytes.get(key) ?? 0) + bytes > limit) return false;
    }
    for (const [key, bytes] of cost.keyBytes ?? []) this.keyBytes.set(key, (this.keyBytes.get(key) ?? 0) + bytes);
    this.requests.take(now, 1);
    this.reads.take(now, cost.readUnits);
    this.writes.take(now, cost.writeUnits);
    return true;
  }

  /** What each quota has used of its current window (the per-key byte quota aside). */
  usage(now: number): QuotaUsage[] {
    const row = (quota: keyof Quotas, w: FixedWindow): QuotaUsage => ({ quota, used: w.usedAt(now), limit: w.limit, windowMs: w.windowMs });
    return [
      row('kvsRequestsPerSecond', this.requests),
      row('kvsReadUnitsPerMinute', this.reads),
      row('kvsWriteUnitsPerMinute', this.writes),
      row('pushEventsPerMinute', this.pushes),
      row('invocationsPerMinute', this.invocations),
    ];
  }
}
