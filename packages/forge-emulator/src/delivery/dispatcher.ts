import type { Scheduler } from '../clock/scheduler.js';
import type { Random } from '../random.js';
import { runInvocation, type InvocationHost } from '../runtime/invoke.js';
import type { AttemptLogEntry, AttemptOutcome, DroppedEvent, FaultOptions } from '../types.js';
import { handlerArgs } from './args.js';
import { isRetryRequest, platformBackoffMs, retryAfterMs } from './backoff.js';
import type { Delivery } from './delivery.js';

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

/** Product-event triggers are retried at most 4 times. */
export const TRIGGER_MAX_RETRIES = 4;

/** Delivery engine: ready queue, delays, retries, concurrency keys, invocation quota. */
export class Dispatcher {
  private ready: Delivery[] = [];
  private head = 0;
  private readonly held = new Map<string, Delivery[]>();
  private heldCount = 0;
  delayed = 0;
  retrying = 0;
  inFlight = 0;

  constructor(private readonly host: DispatchHost) {}

  get queued(): number {
    return this.ready.length - this.head + this.heldCount;
  }

  idle(): boolean {
    return this.queued === 0 && this.delayed === 0 && this.retrying === 0 && this.inFlight === 0;
  }

  /** Whether pump() could start something now. */
  canStart(): boolean {
    return this.inFlight < this.host.concurrency && this.ready.length > this.head;
  }

  enqueue(d: Delivery, delayMs: number): void {
    if (delayMs <= 0) {
      d.state = 'ready';
      this.ready.push(d);
      return;
    }
    d.state = 'delayed';
    this.delayed++;
    this.host.scheduler.schedule(this.host.scheduler.now() + delayMs, () => {
      this.delayed--;
      d.state = 'ready';
      this.ready.push(d);
    });
  }

  private take(): Delivery | undefined {
    if (this.head >= this.ready.length) return undefined;
    const r = this.host.faults.reorder;
    const rate = r === true ? 1 : typeof r === 'number' ? r : 0;
    if (rate > 0 && this.host.random.chance(rate)) {
      const i = this.head + Math.floor(this.host.random.next() * (this.ready.length - this.head));
      const picked = this.ready[i] as Delivery;
      this.ready[i] = this.ready[this.head] as Delivery;
      this.ready[this.head] = picked;
    }
    const d = this.ready[this.head++];
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    return d;
  }

  /** Starts as many ready deliveries as the limits allow. */
  pump(): void {
    const now = this.host.scheduler.now();
    while (this.inFlight < this.host.concurrency) {
      const d = this.take();
      if (d === undefined) return;
      if (d.job?.cancelled === true && !d.duplicate) {
        d.state = 'done';
        this.host.drop(this.dropped(d, 'cancelled', now));
        continue;
      }
      if (now >= d.enqueuedAt + this.host.retentionMs) {
        this.finishDropped(d, 'retention', now);
        continue;
      }
      const inv = d.inst.meter.invocations;
      if (!inv.fits(now, 1)) {
        this.holdForQuota(d, inv.nextWindowAt(now));
        continue;
      }
      if (d.concurrency !== undefined) {
        const used = d.inst.concurrency.get(d.concurrency.key) ?? 0;
        if (used >= d.concurrency.limit) {
          this.hold(d);
          continue;
        }
        d.inst.concurrency.set(d.concurrency.key, used + 1);
      }
      inv.take(now, 1);
      this.start(d);
    }
  }

  private heldKey(d: Delivery): string {
    return `${d.inst.id}\u0000${d.concurrency?.key ?? ''}`;
  }

  private hold(d: Delivery): void {
    d.state = 'held';
    const k = this.heldKey(d);
    const list = this.held.get(k);
    if (list === undefined) this.held.set(k, [d]);
    else list.push(d);
    this.heldCount++;
  }

  private release(d: Delivery): void {
    if (d.concurrency === undefined) return;
    const c = d.inst.concurrency;
    c.set(d.concurrency.key, (c.get(d.concurrency.key) ?? 1) - 1);
    const list = this.held.get(this.heldKey(d));
    const next = list?.shift();
    if (next !== undefined) {
      this.heldCount--;
      next.state = 'ready';
      this.ready.push(next);
    }
  }

  private holdForQuota(d: Delivery, at: number): void {
    d.state = 'delayed';
    this.delayed++;
    this.host.scheduler.schedule(at, () => {
      this.delayed--;
      d.state = 'ready';
      this.ready.push(d);
    });
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
      forceTimeout: host.random.chance(host.faults.timeoutRate ?? 0),
      call: () => fn.handler(...args),
    }).then((r) => {
      this.inFlight--;
      this.release(d);
      const now = host.scheduler.now();
      let outcome: AttemptOutcome;
      let error: string | undefined;
      if (r.outcome === 'ok' && isRetryRequest(r.value)) {
        outcome = 'retry';
        const o = r.value.retryOptions ?? {};
        this.retry(d, o.retryReason ?? 'FUNCTION_RETRY_REQUEST', o.retryData, retryAfterMs(o.retryAfter), now);
      } else if (r.outcome === 'ok') {
        outcome = 'ok';
        this.succeed(d);
      } else {
        outcome = r.outcome;
        error = r.outcome === 'timeout' ? 'FUNCTION_TIME_OUT' : describe(r.error);
        const reason = r.outcome === 'timeout' ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR';
        this.retry(d, reason, d.retryData, platformBackoffMs(d.retryCount + 1, () => host.random.next()), now);
      }
      host.record({
        atMs: startedAt, installationId: d.inst.id, functionKey: d.functionKey, kind: d.kind, eventId: d.eventId,
        ...(d.jobId === undefined ? {} : { jobId: d.jobId }), attempt, outcome,
        durationMs: r.durationMs, ...(error === undefined ? {} : { error }),
      });
    });
  }

  private succeed(d: Delivery): void {
    d.state = 'done';
    if (d.kind === 'consumer') d.inst.metrics.eventsDelivered++;
    if (!d.duplicate && d.job !== undefined) d.job.success++;
    if (!d.duplicate && this.host.random.chance(this.host.faults.duplicateRate ?? 0)) {
      this.enqueue({ ...d, duplicate: true, state: 'ready' }, 0);
    }
  }

  private retry(d: Delivery, reason: string, data: unknown, afterMs: number, now: number): void {
    const cap = d.kind === 'trigger' ? Math.min(TRIGGER_MAX_RETRIES, this.host.maxRetries) : this.host.maxRetries;
    if (d.retryCount >= cap) {
      this.finishDropped(d, 'retry-cap', now);
      return;
    }
    if (now + afterMs >= d.enqueuedAt + this.host.retentionMs) {
      this.finishDropped(d, 'retention', now);
      return;
    }
    d.retryCount++;
    d.retryReason = reason;
    d.retryData = data;
    d.inst.metrics.retries++;
    d.state = 'retrying';
    this.retrying++;
    this.host.scheduler.schedule(now + afterMs, () => {
      this.retrying--;
      d.state = 'ready';
      this.ready.push(d);
    });
  }

  private finishDropped(d: Delivery, reason: DroppedEvent['reason'], now: number): void {
    d.state = 'done';
    if (d.duplicate) return;
    d.inst.metrics.eventsDropped++;
    if (d.job !== undefined) d.job.failed++;
    this.host.drop(this.dropped(d, reason, now));
  }

  private dropped(d: Delivery, reason: DroppedEvent['reason'], now: number): DroppedEvent {
    return {
      installationId: d.inst.id, functionKey: d.functionKey, kind: d.kind, eventId: d.eventId,
      ...(d.jobId === undefined ? {} : { jobId: d.jobId }), ...(d.queueName === undefined ? {} : { queueName: d.queueName }),
      body: d.body, attempts: d.retryCount + 1, reason, atMs: now,
    };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
