import type { QuotaUsage, Quotas } from '../types.js';
import { createWindow, type QuotaWindowKind, type RateWindow } from './window.js';

export const DEFAULT_QUOTAS: Quotas = {
  kvsRequestsPerSecond: 1000,
  kvsReadUnitsPerMinute: 4000,
  kvsWriteUnitsPerMinute: 4000,
  kvsKeyWriteBytesPerSecond: 1024 * 1024,
  kvsBatchOperationsPerMinute: 45,
  pushEventsPerMinute: 500,
  invocationsPerMinute: 5000,
};

export interface KvsCost {
  readUnits: number;
  writeUnits: number;
  /** Bytes written per key (for the per-key write quota). */
  keyBytes?: Array<[string, number]>;
  /** A batchSet/batchGet/batchDelete call (the 45 batch operations per minute quota). */
  batch?: boolean;
}

/** Per-installation quota state. Rejected requests consume nothing. */
export class QuotaMeter {
  private readonly requests: RateWindow;
  private readonly reads: RateWindow;
  private readonly writes: RateWindow;
  private readonly batches: RateWindow;
  readonly pushes: RateWindow;
  readonly invocations: RateWindow;
  private keySecond = -1;
  private readonly keyBytes = new Map<string, number>();

  constructor(private readonly quotas: Quotas, kind: QuotaWindowKind = 'fixed') {
    this.requests = createWindow(kind, quotas.kvsRequestsPerSecond, 1000);
    this.reads = createWindow(kind, quotas.kvsReadUnitsPerMinute, 60_000);
    this.writes = createWindow(kind, quotas.kvsWriteUnitsPerMinute, 60_000);
    this.batches = createWindow(kind, quotas.kvsBatchOperationsPerMinute, 60_000);
    this.pushes = createWindow(kind, quotas.pushEventsPerMinute, 60_000);
    this.invocations = createWindow(kind, quotas.invocationsPerMinute, 60_000);
  }

  /** Takes the cost if every quota allows it; returns false (taking nothing) otherwise. */
  takeKvs(now: number, cost: KvsCost): boolean {
    if (!this.requests.fits(now, 1) || !this.reads.fits(now, cost.readUnits) || !this.writes.fits(now, cost.writeUnits)) return false;
    if (cost.batch === true && !this.batches.fits(now, 1)) return false;
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
    if (cost.batch === true) this.batches.take(now, 1);
    return true;
  }

  /** What each quota has used of its current window (the per-key byte quota aside). */
  usage(now: number): QuotaUsage[] {
    const row = (quota: keyof Quotas, w: RateWindow): QuotaUsage => ({ quota, used: w.usedAt(now), limit: w.limit, windowMs: w.windowMs });
    return [
      row('kvsRequestsPerSecond', this.requests),
      row('kvsReadUnitsPerMinute', this.reads),
      row('kvsWriteUnitsPerMinute', this.writes),
      row('kvsBatchOperationsPerMinute', this.batches),
      row('pushEventsPerMinute', this.pushes),
      row('invocationsPerMinute', this.invocations),
    ];
  }
}
