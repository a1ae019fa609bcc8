import { Scheduler, realNow, type Timer } from './clock/scheduler.js';
import { invocationStorage, type InvocationClock } from './runtime/context.js';
import { Dispatcher, type DispatchHost } from './delivery/dispatcher.js';
import type { Delivery } from './delivery/delivery.js';
import type { InstallationState } from './installation-state.js';
import { AttemptLog } from './log.js';
import { VIRTUAL_EPOCH_MS, type ResolvedOptions } from './options.js';
import { createRandom, type Random } from './random.js';
import { realSetTimeout } from './clock/patch.js';
import { createPlatformFetch } from './runtime/fetch.js';
import { ProductService } from './product/service.js';
import type { ForgeFetch } from './runtime/globals.js';
import type { AttemptLogEntry, DroppedEvent, FaultOptions } from './types.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const GUARD_WAITS_MS = [1, 4, 15, 30, 50, 100];
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
  readonly clock: InvocationClock | undefined;
  readonly dispatcher: Dispatcher;
  /** Product REST (requestJira, requestConfluence, GraphQL) served from the fixture sites. */
  readonly product: ProductService;
  readonly installations = new Map<string, InstallationState>();
  readonly dropped: DroppedEvent[] = [];
  activeInvocations = 0;
  private pendingFires = 0;
  /** Bumped on every platform call and invocation start/end: the drive loop uses it to detect progress. */
  activity = 0;
  private invocationSeq = 0;
  private driving: Promise<void> | undefined;
  /** Real-clock mode: cuts the loop's sleep short when an invocation starts or ends. */
  private wake: (() => void) | undefined;

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
    this.product = new ProductService(options.seed, options.site, VIRTUAL_EPOCH_MS, () => this.now());
    const sched = this.scheduler;
    this.clock = sched.virtual
      ? {
          now: () => sched.now(),
          schedule: (ctx, at, fn) => sched.schedule(at, () => {
            invocationStorage.run(ctx, fn);
          }),
          cancel: (h) => {
            sched.cancel(h as Timer);
          },
        }
      : undefined;
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
    this.wake?.();
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
  readonly fetch: ForgeFetch = createPlatformFetch(this);

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

  /**
   * Before a jump would time out a live invocation, wait a little real time: an invocation awaiting
   * real I/O (files, crypto, zlib) makes progress and the jump is avoided.
   */
  private async progressesInRealTime(): Promise<boolean> {
    const before = this.activity + this.scheduler.activity;
    for (const ms of GUARD_WAITS_MS) {
      await realSleep(ms);
      if (this.activity + this.scheduler.activity !== before) return true;
    }
    return false;
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
        await Promise.race([realSleep(wait), new Promise<void>((r) => (this.wake = r))]);
        this.wake = undefined;
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
      if (this.scheduler.next()?.guard === true && (await this.progressesInRealTime())) continue;
      this.scheduler.runDue(next);
    }
  }
}
