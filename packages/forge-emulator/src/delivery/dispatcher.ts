import type { Scheduler } from '../clock/scheduler.js';
import type { Random } from '../random.js';
import { runInvocation, type InvocationHost } from '../runtime/invoke.js';
import type { AttemptLogEntry, DroppedEvent, FaultOptions } from '../types.js';
import { handlerArgs } from './args.js';
import { classifyAttempt, droppedRecord } from './classify.js';
import { finishDropped, retry, succeed, type SettleHost } from './settle.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import type { Delivery } from './delivery.js';
import { ReadyQueue } from './ready-queue.js';

export interface DispatchHost extends InvocationHost {
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly faults: FaultOptions;
  readonly maxRetries: number;
  readonly retentionMs: number;
  readonly concurrency: number;
  record(entry: AttemptLogEntry): void;
  drop(d: DroppedEvent): void;
}

/** Delivery engine: ready queue, delays, retries, concurrency keys, invocation quota. */
export class Dispatcher {
  private readonly ready = new ReadyQueue();
  private readonly gate = new ConcurrencyGate();
  delayed = 0;
  retrying = 0;
  inFlight = 0;
  private readonly settle: SettleHost;

  constructor(private readonly host: DispatchHost) {
    this.settle = {
      random: host.random, faults: host.faults, maxRetries: host.maxRetries, retentionMs: host.retentionMs,
      drop: (d) => {
        host.drop(d);
      },
      requeue: (d) => {
        this.enqueue(d, 0);
      },
      retryAt: (d, at) => {
        this.later(d, 'retrying', at);
      },
    };
  }

  get queued(): number {
    return this.ready.size + this.gate.heldCount;
  }

  idle(): boolean {
    return this.queued === 0 && this.delayed === 0 && this.retrying === 0 && this.inFlight === 0;
  }

  /** Whether pump() could start something now. */
  canStart(): boolean {
    return this.inFlight < this.host.concurrency && this.ready.size > 0;
  }

  enqueue(d: Delivery, delayMs: number): void {
    if (delayMs <= 0) {
      this.ready.push(d);
      return;
    }
    this.later(d, 'delayed', this.host.scheduler.now() + delayMs);
  }

  /** Parks `d` until clock time `at` (delay, quota wait or retry). */
  private later(d: Delivery, state: 'delayed' | 'retrying', at: number): void {
    d.state = state;
    if (state === 'delayed') this.delayed++;
    else this.retrying++;
    this.host.scheduler.schedule(at, () => {
      if (state === 'delayed') this.delayed--;
      else this.retrying--;
      this.ready.push(d);
    });
  }

  /** Starts as many ready deliveries as the limits allow. */
  pump(): void {
    const now = this.host.scheduler.now();
    const r = this.host.faults.reorder;
    const reorderRate = r === true ? 1 : typeof r === 'number' ? r : 0;
    while (this.inFlight < this.host.concurrency) {
      const d = this.ready.take(this.host.random, reorderRate);
      if (d === undefined) return;
      if (d.job?.cancelled === true && !d.duplicate) {
        d.state = 'done';
        this.host.drop(droppedRecord(d, 'cancelled', now));
        continue;
      }
      // The first attempt always happens (with Forge's 24 h window and <= 15 min delays it always falls inside).
      if (d.retryCount > 0 && now >= d.enqueuedAt + this.host.retentionMs) {
        finishDropped(this.settle, d, 'retention', now);
        continue;
      }
      const inv = d.inst.meter.invocations;
      if (!inv.fits(now, 1)) {
        this.later(d, 'delayed', inv.nextWindowAt(now));
        continue;
      }
      if (!this.gate.acquire(d)) continue;
      inv.take(now, 1);
      this.start(d);
    }
  }

  private start(d: Delivery): void {
    const host = this.host;
    const fn = d.inst.app.functions.get(d.functionKey);
    if (fn === undefined) throw new Error(`unknown function ${d.functionKey}`);
    d.state = 'inflight';
    this.inFlight++;
    const startedAt = host.scheduler.now();
    const attempt = d.retryCount + 1;
    const args = handlerArgs(d, startedAt, host.retentionMs);
    void runInvocation(host, {
      inst: d.inst,
      functionKey: d.functionKey,
      moduleKey: d.kind === 'trigger' ? d.functionKey : (d.queueName ?? d.functionKey),
      timeoutSeconds: fn.timeoutSeconds,
      memoryMB: fn.memoryMB,
      chain: d.chain,
      accountId: d.accountId,
      forceTimeout: host.random.chance(host.faults.timeoutRate ?? 0),
      call: () => fn.handler(...args),
    }).then((r) => {
      this.inFlight--;
      const next = this.gate.release(d);
      if (next !== undefined) this.ready.push(next);
      const now = host.scheduler.now();
      const v = classifyAttempt(r, d.retryCount, d.retryData, () => host.random.next());
      if (v.outcome === 'ok') succeed(this.settle, d);
      else retry(this.settle, d, v.reason, v.data, v.afterMs, now);
      const error = v.outcome === 'ok' ? undefined : v.error;
      host.record({
        atMs: startedAt, installationId: d.inst.id, functionKey: d.functionKey, kind: d.kind, eventId: d.eventId,
        ...(d.jobId === undefined ? {} : { jobId: d.jobId }), attempt, outcome: v.outcome,
        durationMs: r.durationMs, ...(error === undefined ? {} : { error }),
      });
    });
  }
}
