import { Scheduler, realNow, type Timer } from './clock/scheduler.js';
import { currentInvocation, invocationStorage, type InvocationClock } from './runtime/context.js';
import { ExternalWork } from './runtime/external-work.js';
import { HeldCalls } from './runtime/held-calls.js';
import { Dispatcher, type DispatchHost } from './delivery/dispatcher.js';
import type { Delivery } from './delivery/delivery.js';
import type { InstallationState } from './installation-state.js';
import { AttemptLog } from './log.js';
import { VIRTUAL_EPOCH_MS, type ResolvedOptions } from './options.js';
import { createRandom, invocationSeed, type Random } from './random.js';
import { realSetTimeout } from './clock/patch.js';
import { createPlatformFetch } from './runtime/fetch.js';
import { ProductService } from './product/service.js';
import type { ForgeFetch } from './runtime/globals.js';
import type { AttemptLogEntry, DroppedEvent, FaultOptions } from './types.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const realSleep = (ms: number): Promise<void> => new Promise((r) => realSetTimeout(r, ms));
/** Event-loop turns to spin while external work is pending before polling every millisecond instead. */
const SPIN_TURNS = 64;

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
  /** Bumped on every platform call and invocation start/end (a progress count; no longer decides jumps). */
  activity = 0;
  /** Virtual mode: what invocations wait on outside the emulator; the clock jumps only when nothing. */
  readonly external: ExternalWork | undefined;
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
    const seed = options.seed;
    this.clock = sched.virtual
      ? {
          now: () => sched.now(),
          schedule: (ctx, at, fn) => sched.schedule(at, () => {
            invocationStorage.run(ctx, fn);
          }),
          cancel: (h) => {
            sched.cancel(h as Timer);
          },
          random: (ctx) => (ctx.random ??= createRandom(invocationSeed(seed, ctx.invocationId))),
        }
      : undefined;
    this.external = sched.virtual ? new ExternalWork(currentInvocation) : undefined;
    this.external?.enable();
  }

  /** Stops tracking external work (the async hooks are process-wide). */
  dispose(): void {
    this.external?.disable();
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

  private readonly platformFetch: ForgeFetch = createPlatformFetch(this);
  private readonly held = new HeldCalls();

  /**
   * `global.__forge_fetch__`: routes SDK requests of the current invocation. In virtual mode a call
   * made while external work races (a file read, a real timer, ...) is held until that work is done,
   * then answered with the other held calls in invocation order: which of two file reads finishes
   * first never changes which call takes the last quota unit or the next fault.
   */
  readonly fetch: ForgeFetch = (target, path, init) => {
    const external = this.external;
    const ctx = currentInvocation();
    if (external === undefined || ctx === undefined || (this.held.size === 0 && !external.racing())) return this.platformFetch(target, path, init);
    return this.held.hold(ctx, () => this.platformFetch(target, path, init));
  };

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

  /**
   * Lets every invocation run until it waits: one event-loop turn drains all promise chains (the
   * emulator answers platform calls without real I/O), then, if an invocation waits on work the
   * emulator does not own, real time passes until that work is done, and the platform calls held
   * meanwhile are answered in invocation order. The clock does not move meanwhile, so how long the
   * work takes never changes what happens.
   */
  private async settle(wallDeadline: number): Promise<void> {
    await tick();
    const external = this.external;
    if (external === undefined) return;
    for (let turns = 0; realNow() <= wallDeadline; turns++) {
      if (this.held.size > 0 && !external.racing()) {
        this.held.answerAll();
        turns = 0;
        await tick();
        continue;
      }
      if (!external.pending()) return;
      if (turns < SPIN_TURNS) await tick();
      else await realSleep(1);
    }
  }

  private async loop(stop: () => boolean, opts: { untilMs?: number; maxWallMs?: number }): Promise<void> {
    const wallDeadline = realNow() + (opts.maxWallMs ?? 300_000);
    for (;;) {
      this.dispatcher.pump();
      await this.settle(wallDeadline);
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
        // Invocations that wait on neither the clock nor external work wait on something outside
        // the emulator's sight (a promise settled from outside): poll until it settles.
        if (this.activeInvocations > 0 && next === undefined) {
          await realSleep(1);
          continue;
        }
        return;
      }
      // Every invocation waits on the emulator's own timers or requests: jump.
      this.scheduler.runDue(next);
    }
  }
}
