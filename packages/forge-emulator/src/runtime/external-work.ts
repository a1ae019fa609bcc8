import { createHook, type AsyncHook } from 'node:async_hooks';
import type { InvocationContext } from './context.js';

/**
 * Work an invocation started that the emulator does not own: files, DNS, crypto and zlib on the
 * thread pool, sockets, pipes, child processes, workers and message ports, real timers and
 * immediates. The virtual clock may jump only while none of it is pending, so a run does not depend
 * on how fast the machine finishes it.
 *
 * How each async resource type counts (the types Node reports to `async_hooks`):
 * - `request`: one callback ends it (fs, DNS, connect/write/shutdown). Pending from creation until
 *   its callback starts or it is destroyed, whether or not its invocation has ended.
 * - `crypto`: a crypto job (random bytes, pbkdf2, scrypt, keygen, webcrypto): the same as a request
 *   once it is given a callback (`ondone`); a synchronous job (`randomFillSync`, `randomUUID`'s
 *   refill, `pbkdf2Sync`) never is, and never counts.
 * - `timer`: a real `Timeout` or `Immediate` (inside an invocation only `setImmediate` and timer
 *   functions captured before the clock patch create them): pending until it fires or is cleared,
 *   while it is ref'd; a repeating one only while its invocation is live.
 * - `zlib`: a zlib/brotli stream: pending while a chunk is being compressed on the thread pool.
 * - `handle`: a socket, pipe, child process, worker, message port or watcher: pending while it is
 *   ref'd (open and able to call back: idle keep-alive sockets are unref'd) and its invocation is live.
 * Not counted: promises, `process.nextTick` (both drain before the loop looks), open file and
 * directory handles (their reads and writes are requests), listening servers, TTYs, signals.
 */
export type ExternalKind = 'request' | 'crypto' | 'timer' | 'immediate' | 'zlib' | 'handle';

const REQUEST_TYPES = [
  'FSREQCALLBACK', 'FSREQPROMISE', 'FILEHANDLECLOSEREQ', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP', 'QUERYWRAP',
  'TCPCONNECTWRAP', 'PIPECONNECTWRAP', 'WRITEWRAP', 'SHUTDOWNWRAP', 'UDPSENDWRAP',
] as const;
const CRYPTO_TYPES = [
  'CHECKPRIMEREQUEST', 'PBKDF2REQUEST', 'KEYPAIRGENREQUEST', 'KEYGENREQUEST', 'KEYEXPORTREQUEST', 'CIPHERREQUEST',
  'DERIVEBITSREQUEST', 'HASHREQUEST', 'RANDOMBYTESREQUEST', 'RANDOMPRIMEREQUEST', 'SCRYPTREQUEST', 'SIGNREQUEST', 'VERIFYREQUEST',
] as const;
const HANDLE_TYPES = ['TCPWRAP', 'PIPEWRAP', 'UDPWRAP', 'PROCESSWRAP', 'WORKER', 'MESSAGEPORT', 'FSEVENTWRAP', 'STATWATCHER'] as const;

/** Which async resource types count, and how. */
export const EXTERNAL_KINDS: ReadonlyMap<string, ExternalKind> = new Map<string, ExternalKind>([
  ...REQUEST_TYPES.map((t) => [t, 'request'] as const),
  ...CRYPTO_TYPES.map((t) => [t, 'crypto'] as const),
  ...HANDLE_TYPES.map((t) => [t, 'handle'] as const),
  ['Timeout', 'timer'],
  ['Immediate', 'immediate'],
  ['ZLIB', 'zlib'],
]);

interface Watched {
  kind: 'timer' | 'immediate' | 'zlib' | 'handle';
  resource: unknown;
  ctx: InvocationContext;
}

interface TimerLike {
  _destroyed?: boolean;
  /** Interval of a repeating Timeout (null for a one-shot one). */
  _repeat?: number | null;
  hasRef?: () => boolean;
}

/** True while `w` can still call back into its invocation. */
function alive(w: Watched): boolean {
  switch (w.kind) {
    case 'timer':
    case 'immediate': {
      const t = w.resource as TimerLike;
      if (t._destroyed === true || t.hasRef?.() === false) return false;
      // A real interval repeats forever: it counts only while its invocation is live.
      return t._repeat == null || !w.ctx.ended;
    }
    // zlib.js holds the chunk on the native handle while the thread pool compresses it.
    case 'zlib':
      return (w.resource as { buffer?: unknown }).buffer != null;
    case 'handle':
      return !w.ctx.ended && (w.resource as TimerLike).hasRef?.() === true;
  }
}

/** Whether `w` can never count again, so it can be forgotten. */
function finished(w: Watched): boolean {
  if (w.kind === 'timer' || w.kind === 'immediate') return (w.resource as TimerLike)._destroyed === true || (w.ctx.ended && !alive(w));
  return w.ctx.ended && !alive(w);
}

/**
 * Tracks the external work of invocations (scoped through their AsyncLocalStorage context).
 * The `init` hook is always on while tracking and costs one type lookup per async resource; the
 * `before`/`destroy` hook that ends requests is only on while a request is pending.
 */
export class ExternalWork {
  private readonly requests = new Set<number>();
  private readonly watched: Watched[] = [];
  private readonly initHook: AsyncHook;
  private readonly doneHook: AsyncHook;
  private doneHookOn = false;

  constructor(currentInvocation: () => InvocationContext | undefined) {
    const done = (asyncId: number): void => {
      if (!this.requests.delete(asyncId) || this.requests.size > 0) return;
      this.doneHook.disable();
      this.doneHookOn = false;
    };
    this.doneHook = createHook({ before: done, destroy: done });
    this.initHook = createHook({
      init: (asyncId, type, _trigger, resource) => {
        if (type === 'PROMISE') return;
        const kind = EXTERNAL_KINDS.get(type);
        if (kind === undefined) return;
        const ctx = currentInvocation();
        if (ctx === undefined) return;
        if (kind === 'request') this.addRequest(asyncId);
        else if (kind === 'crypto') this.onCallback(resource, asyncId);
        else this.watched.push({ kind, resource, ctx });
      },
    });
  }

  private addRequest(asyncId: number): void {
    this.requests.add(asyncId);
    if (this.doneHookOn) return;
    this.doneHookOn = true;
    this.doneHook.enable();
  }

  /** Counts a crypto job from the moment it is given its completion callback (asynchronous mode). */
  private onCallback(job: object, asyncId: number): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessor below runs with the job as `this`
    const work = this;
    Object.defineProperty(job, 'ondone', {
      configurable: true,
      enumerable: true,
      get: () => undefined,
      set(this: object, fn: unknown) {
        Object.defineProperty(this, 'ondone', { value: fn, writable: true, configurable: true, enumerable: true });
        work.addRequest(asyncId);
      },
    });
  }

  enable(): void {
    this.initHook.enable();
  }

  disable(): void {
    this.initHook.disable();
    this.doneHook.disable();
    this.doneHookOn = false;
    this.requests.clear();
    this.watched.length = 0;
  }

  /**
   * True while finite work is pending whose completion time depends on the machine: requests and
   * zlib jobs. Platform calls made meanwhile could arrive in another order on another machine.
   * (Immediates run in a fixed order; open handles may never finish; a real timer is often a
   * watchdog armed around the very call that would wait for it.)
   */
  racing(): boolean {
    if (this.requests.size > 0) return true;
    for (const w of this.watched) if (w.kind === 'zlib' && alive(w)) return true;
    return false;
  }

  /** True while some invocation waits on work outside the emulator. */
  pending(): boolean {
    if (this.requests.size > 0) return true;
    const w = this.watched;
    if (w.length === 0) return false;
    let kept = 0;
    let busy = false;
    for (const item of w) {
      if (!busy && alive(item)) busy = true;
      if (!finished(item)) w[kept++] = item;
    }
    w.length = kept;
    return busy;
  }
}
