import { Scheduler, realNow } from './clock/scheduler.js';
import { Dispatcher, type DispatchHost } from './delivery/dispatcher.js';
import type { Delivery } from './delivery/delivery.js';
import { handleQueue } from './events/service.js';
import { errorAnswer, toResponse, type PlatformAnswer } from './http/response.js';
import type { InstallationState } from './installation-state.js';
import { handleKvs } from './kvs/service.js';
import { quotaUnits } from './metrics.js';
import { AttemptLog } from './log.js';
import { VIRTUAL_EPOCH_MS, type ResolvedOptions } from './options.js';
import { createRandom, type Random } from './random.js';
import { NoInvocationContextError } from './errors.js';
import { currentInvocation, type InvocationContext } from './runtime/context.js';
import { realSetTimeout } from './clock/patch.js';
import type { AttemptLogEntry, DroppedEvent, FaultOptions } from './types.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const realSleep = (ms: number): Promise<void> => new Promise((r) => realSetTimeout(r, ms));

/** The platform core: clock, random source, services, delivery, and the loop that drives them. */
export class Engine implements DispatchHost {
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly faults: FaultOptions;
  readonly maxRetries: number;
  readonly retentionMs: number;
  readonly concurrency: number;
  readonly overheadMs: number;
  readonly log: AttemptLog;
  readonly dispatcher: Dispatcher;
  readonly installations = new Map<string, InstallationState>();
  readonly dropped: DroppedEvent[] = [];
  activeInvocations = 0;
  private pendingFires = 0;
  private activity = 0;
  private invocationSeq = 0;
  private driving: Promise<void> | undefined;

  constructor(readonly options: ResolvedOptions) {
    this.scheduler = new Scheduler(options.clock, options.clock === 'virtual' ? VIRTUAL_EPOCH_MS : realNow());
    this.random = createRandom(options.seed);
    this.faults = options.faults;
    this.maxRetries = options.maxRetries;
    this.retentionMs = options.retentionMs;
    this.concurrency = options.concurrency;
    this.overheadMs = options.invocationOverheadMs;
    this.log = new AttemptLog(options.attemptLogLimit);
    this.dispatcher = new Dispatcher(this);
  }

  now(): number {
    return this.scheduler.now();
  }

  newInvocationId(): string {
    return `inv-${(++this.invocationSeq).toString(36)}`;
  }

  trackInvocation(delta: 1 | -1): void {
    this.activeInvocations += delta;
    this.activity++;
  }

  record(entry: AttemptLogEntry): void {
    this.log.add(entry);
  }

  drop(d: DroppedEvent): void {
    this.dropped.push(d);
  }

  enqueue(d: Delivery, delayMs: number): void {
    this.dispatcher.enqueue(d, delayMs);
  }

  /** Runs `fn` at clock time `at` (product events fired for a later time). */
  enqueueAt(at: number, fn: () => void): void {
    this.pendingFires++;
    this.scheduler.schedule(at, () => {
      this.pendingFires--;
      fn();
    });
  }

  /** Nothing queued, delayed, retrying, in flight or scheduled to fire. */
  idle(): boolean {
    return this.dispatcher.idle() && this.activeInvocations === 0 && this.pendingFires === 0;
  }

  /** `global.__forge_fetch__`: routes SDK requests of the current invocation. */
  readonly fetch = async (target: Record<string, unknown>, path: string, init?: { body?: unknown }): Promise<unknown> => {
    const ctx = currentInvocation();
    if (ctx === undefined) throw new NoInvocationContextError(`__forge_fetch__(${path})`);
    this.activity++;
    await this.latency(ctx);
    const text = typeof init?.body === 'string' ? init.body : '';
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return toResponse(errorAnswer(400, 'BAD_REQUEST', 'Provided request body is invalid'));
    }
    const answer = target.type === 'kvs' ? this.kvs(ctx, path, body, text.length) : path.startsWith('/webhook/queue/') ? handleQueue(this, ctx, path, body, text.length) : errorAnswer(404, 'NOT_FOUND', `${path} is not emulated`);
    return toResponse(answer);
  };

  private async latency(ctx: InvocationContext): Promise<void> {
    const l = this.faults.latencyMs;
    if (l === undefined) return;
    const ms = typeof l === 'number' ? l : this.random.int(l[0], l[1]);
    if (ms <= 0) return;
    await new Promise<void>((resolve) => ctx.schedule?.(this.now() + ms, resolve) ?? realSetTimeout(resolve, ms));
  }

  private kvs(ctx: InvocationContext, path: string, body: unknown, requestBytes: number): PlatformAnswer {
    const inst = ctx.installation;
    const now = this.now();
    const m = inst.metrics;
    m.kvsRequests++;
    const storm = this.faults.kvs429Storms?.some((w) => now >= w.fromMs && now < w.toMs) === true;
    if (storm) {
      m.rateLimited++;
      return errorAnswer(429, path === '/api/v1/transaction' ? 'TOO_MANY_REQUESTS' : 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded');
    }
    if (this.random.chance(this.faults.kvs5xxRate ?? 0)) return errorAnswer(500, 'INTERNAL_SERVER_ERROR', 'An internal server error has occurred');
    const answer = handleKvs({
      store: inst.store, now, metrics: m, requestBytes,
      charge: (cost) => {
        if (!inst.meter.takeKvs(now, cost)) return false;
        m.kvsReadUnits += cost.readUnits;
        m.kvsWriteUnits += cost.writeUnits;
        return true;
      },
    }, path, body);
    if (answer.status === 429) m.rateLimited++;
    return answer;
  }

  /** Runs the platform until `stop()` holds, jumping the virtual clock whenever everything waits on it. */
  async drive(stop: () => boolean, opts: { untilMs?: number; maxWallMs?: number } = {}): Promise<void> {
    while (this.driving !== undefined) {
      await this.driving;
      if (stop()) return;
    }
    this.driving = this.loop(stop, opts);
    try {
      await this.driving;
    } finally {
      this.driving = undefined;
    }
  }

  private async quiesce(): Promise<void> {
    let before: number;
    do {
      before = this.activity + this.scheduler.activity;
      await tick();
    } while (before !== this.activity + this.scheduler.activity);
  }

  private async loop(stop: () => boolean, opts: { untilMs?: number; maxWallMs?: number }): Promise<void> {
    const wallDeadline = realNow() + (opts.maxWallMs ?? 300_000);
    for (;;) {
      this.dispatcher.pump();
      await this.quiesce();
      if (stop() || realNow() > wallDeadline) return;
      if (this.dispatcher.canStart()) continue;
      const next = this.scheduler.nextAt();
      if (!this.scheduler.virtual) {
        const wait = next === undefined ? 5 : Math.min(50, Math.max(0, next - realNow()));
        if (next === undefined && this.activeInvocations === 0 && opts.untilMs === undefined) return;
        if (opts.untilMs !== undefined && realNow() >= opts.untilMs) return;
        await realSleep(wait);
        this.scheduler.runDue(realNow());
        continue;
      }
      if (next === undefined || (opts.untilMs !== undefined && next > opts.untilMs)) {
        if (this.activeInvocations > 0 && next === undefined) {
          await realSleep(1);
          continue;
        }
        return;
      }
      this.scheduler.runDue(next);
    }
  }

  unitsOf(bytes: number): number {
    return quotaUnits(bytes);
  }
}
