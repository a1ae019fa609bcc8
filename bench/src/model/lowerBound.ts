import { type Quotas, unitsFor } from './quotas.js';

/** Keys per KVS call (batch or transaction: 25 operations). */
export const BATCH_KEYS = 25;

export type WindowModel = 'fixed' | 'sliding';

/** One invocation that produces writes: when it runs and the bytes (key + JSON value) of each distinct key it writes. */
export interface ProducingInvocation {
  atMs: number;
  keyBytes: readonly number[];
  /**
   * Platform requests that must follow one another before its last write can be made (a backfill's
   * search pages: each page's token comes from the previous page). Default 0.
   */
  sequentialRequests?: number;
}

export interface LowerBoundInput {
  invocations: readonly ProducingInvocation[];
  /** Time over which the producer's work arrives (first to last event), ms. */
  arrivalWindowMs: number;
  quotas: Pick<Quotas, 'kvsWriteUnitsPerMinute' | 'kvsRequestsPerSecond'> & Partial<Pick<Quotas, 'invocationsPerMinute'>>;
  window: WindowModel;
  /**
   * Least virtual latency of one platform request (the emulator's `faults.latencyMs`, its minimum
   * when a range; unset, as in every bench scenario: 0). Each sequential request pays it.
   */
  requestLatencyMs?: number;
}

export interface LowerBound {
  /** max(arrival window, time of the last call of the minimal plan). */
  ms: number;
  arrivalWindowMs: number;
  /** When the minimal plan's last call can be made under the quotas (from the first arrival). */
  quotaMs: number;
  minimalRequests: number;
  minimalUnits: number;
  /** What sets the bound. */
  binding: 'arrival' | 'quotas';
}

/**
 * One quota as the emulator counts it: `limit` per `periodMs`, fixed (aligned) or sliding windows.
 * Calls must be taken in time order (the bound places them first come, first served).
 */
export class QuotaWindow {
  private readonly spent: Array<{ at: number; amount: number }> = [];
  private head = 0;
  private used = 0;
  private readonly perWindow = new Map<number, number>();
  constructor(private readonly model: WindowModel, private readonly limit: number, private readonly periodMs: number) {}

  /** Earliest time >= `at` when `amount` fits (an amount above the limit fits an empty window). */
  earliest(at: number, amount: number): number {
    const need = Math.min(amount, this.limit);
    if (this.model === 'fixed') {
      let start = at - (at % this.periodMs);
      while ((this.perWindow.get(start) ?? 0) + need > this.limit) start += this.periodMs;
      return Math.max(at, start);
    }
    this.expire(at);
    let t = at;
    let used = this.used;
    for (let i = this.head; used + need > this.limit && i < this.spent.length; i++) {
      const s = this.spent[i] as { at: number; amount: number };
      t = Math.max(t, s.at + this.periodMs);
      used -= s.amount;
    }
    return t;
  }

  take(at: number, amount: number): void {
    if (this.model === 'fixed') {
      const start = at - (at % this.periodMs);
      this.perWindow.set(start, (this.perWindow.get(start) ?? 0) + amount);
      return;
    }
    this.spent.push({ at, amount });
    this.used += amount;
  }

  private expire(now: number): void {
    while (this.head < this.spent.length) {
      const s = this.spent[this.head] as { at: number; amount: number };
      if (s.at + this.periodMs > now) break;
      this.used -= s.amount;
      this.head += 1;
    }
  }
}

/** The calls of one invocation's minimal plan: its keys packed 25 to a call, each call's bytes rounded up to 10 KB units. */
export function minimalCalls(keyBytes: readonly number[]): number[] {
  if (keyBytes.length === 0) return [1]; // it must still leave a trace: at least one unit
  const calls: number[] = [];
  for (let start = 0; start < keyBytes.length; start += BATCH_KEYS) {
    calls.push(unitsFor(keyBytes.slice(start, start + BATCH_KEYS).reduce((sum, bytes) => sum + bytes, 0)));
  }
  return calls;
}

/**
 * The fastest any strategy could drain, under every limit. Every producing invocation is its own
 * runtime call (placed under the invocation quota, per minute) and must spend at least one write
 * unit for its writes, whether it writes them itself or queues them (a consumer invocation handles
 * one event: packing across invocations is impossible). Each invocation's distinct keys go 25 to a
 * transaction: transactions are not batch operations and the plan pushes nothing and needs no
 * further invocation, so the 45-a-minute batch limit, the push quota and consumer invocations cannot
 * bind it. Calls are placed at the earliest time the write-unit quota (per minute) and the request
 * quota (per second) allow, under the emulator's window model, in arrival order. An invocation's
 * last call also waits for its sequential requests (`sequentialRequests` x `requestLatencyMs`).
 */
export function lowerBound(input: LowerBoundInput): LowerBound {
  const { invocations, arrivalWindowMs, quotas, window } = input;
  const latency = input.requestLatencyMs ?? 0;
  const units = new QuotaWindow(window, quotas.kvsWriteUnitsPerMinute, 60_000);
  const requests = new QuotaWindow(window, quotas.kvsRequestsPerSecond, 1000);
  const starts = new QuotaWindow(window, quotas.invocationsPerMinute ?? Number.MAX_SAFE_INTEGER, 60_000);
  let minimalUnits = 0;
  let minimalRequests = 0;
  let last = 0;
  const ordered = [...invocations].sort((a, b) => a.atMs - b.atMs);
  const origin = ordered[0]?.atMs ?? 0;
  for (const invocation of ordered) {
    const start = starts.earliest(invocation.atMs - origin, 1);
    starts.take(start, 1);
    const calls = minimalCalls(invocation.keyBytes);
    for (const [index, cost] of calls.entries()) {
      // A call is a request: it pays one latency; the last also waits for the sequential requests before it.
      const ready = start + latency * (1 + (index === calls.length - 1 ? invocation.sequentialRequests ?? 0 : 0));
      let t = Math.max(ready, last);
      for (;;) {
        const next = requests.earliest(units.earliest(t, cost), 1);
        if (next === t) break;
        t = next;
      }
      units.take(t, cost);
      requests.take(t, 1);
      minimalUnits += cost;
      minimalRequests += 1;
      last = Math.max(last, t);
    }
  }
  const quotaMs = last;
  return { ms: Math.max(arrivalWindowMs, quotaMs), arrivalWindowMs, quotaMs, minimalRequests, minimalUnits, binding: quotaMs > arrivalWindowMs ? 'quotas' : 'arrival' };
}
