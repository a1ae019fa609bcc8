import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as TimersPromises from 'node:timers/promises';
import type * as Timers from 'node:timers';
import { currentInvocation, type InvocationClock } from '../runtime/context.js';
import { installEntropyPatch, uninstallEntropyPatch } from './entropy.js';

const require = createRequire(import.meta.url);
const timersPromises = require('node:timers/promises') as { -readonly [K in keyof typeof TimersPromises]: (typeof TimersPromises)[K] };
const timers = require('node:timers') as { -readonly [K in keyof typeof Timers]: (typeof Timers)[K] };
const realSleep = timersPromises.setTimeout;

/**
 * Patches Date, setTimeout/clearTimeout, setInterval/clearInterval and (entropy.ts) the random
 * sources so that code running inside a virtual-clock invocation sees the emulator clock and its
 * seed; everywhere else the real implementations run unchanged.
 */
const RealDate = globalThis.Date;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

/** Handle returned by the patched setTimeout inside an invocation (shaped like a Node Timeout). */
export class VirtualTimeout {
  constructor(public handle: unknown, private readonly clock: InvocationClock) {}
  cancel(): void {
    this.clock.cancel(this.handle);
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return 0;
  }
}

function virtualNow(): number | undefined {
  return currentInvocation()?.clock?.now();
}

class EmulatedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) {
      const v = virtualNow();
      if (v !== undefined) {
        super(v);
        return;
      }
      super();
      return;
    }
    super(...(args as [string | number | Date]));
  }
  static override [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof RealDate;
  }
  static override now(): number {
    return virtualNow() ?? RealDate.now();
  }
}

function emulatedSetTimeout(this: unknown, cb: unknown, ms?: unknown, ...args: unknown[]): unknown {
  const ctx = currentInvocation();
  const clock = ctx?.clock;
  if (ctx === undefined || clock === undefined || typeof cb !== 'function') {
    return Reflect.apply(realSetTimeout, this, [cb, ms, ...args]);
  }
  const delay = Math.max(0, Number(ms) || 0);
  const fn = cb as (...a: unknown[]) => void;
  const handle = clock.schedule(ctx, clock.now() + delay, () => {
    fn(...args);
  });
  return new VirtualTimeout(handle, clock);
}

/** setInterval on the emulator clock inside invocations (Node's minimum period: 1 ms). */
function emulatedSetInterval(this: unknown, cb: unknown, ms?: unknown, ...args: unknown[]): unknown {
  const ctx = currentInvocation();
  const clock = ctx?.clock;
  if (ctx === undefined || clock === undefined || typeof cb !== 'function') {
    return Reflect.apply(realSetInterval, this, [cb, ms, ...args]);
  }
  const period = Math.max(1, Number(ms) || 0);
  const fn = cb as (...a: unknown[]) => void;
  const timeout = new VirtualTimeout(undefined, clock);
  const arm = (): void => {
    timeout.handle = clock.schedule(ctx, clock.now() + period, () => {
      arm();
      fn(...args);
    });
  };
  arm();
  return timeout;
}

function emulatedClearInterval(this: unknown, t: unknown): void {
  if (t instanceof VirtualTimeout) {
    t.cancel();
    return;
  }
  Reflect.apply(realClearInterval, this, [t]);
}

function emulatedClearTimeout(this: unknown, t: unknown): void {
  if (t instanceof VirtualTimeout) {
    t.cancel();
    return;
  }
  Reflect.apply(realClearTimeout, this, [t]);
}

/** `timers/promises` setTimeout(delay, value, { signal }) on the emulator clock inside invocations. */
function emulatedSleep(this: unknown, delay?: unknown, value?: unknown, options?: { signal?: AbortSignal }): Promise<unknown> {
  const ctx = currentInvocation();
  const clock = ctx?.clock;
  if (ctx === undefined || clock === undefined) {
    return Reflect.apply(realSleep, this, [delay, value, options]) as Promise<unknown>;
  }
  const at = clock.now() + Math.max(0, Number(delay) || 0);
  return new Promise((resolve, reject) => {
    const signal = options?.signal;
    if (signal?.aborted === true) {
      reject(new DOMException('The operation was aborted', 'AbortError'));
      return;
    }
    const handle = clock.schedule(ctx, at, () => {
      resolve(value);
    });
    signal?.addEventListener('abort', () => {
      clock.cancel(handle);
      reject(new DOMException('The operation was aborted', 'AbortError'));
    }, { once: true });
  });
}

let installs = 0;

export function installClockPatch(): void {
  if (installs++ > 0) return;
  globalThis.Date = EmulatedDate as DateConstructor;
  globalThis.setTimeout = emulatedSetTimeout as typeof setTimeout;
  globalThis.clearTimeout = emulatedClearTimeout;
  globalThis.setInterval = emulatedSetInterval as typeof setInterval;
  globalThis.clearInterval = emulatedClearInterval;
  timers.setTimeout = globalThis.setTimeout;
  timers.clearTimeout = emulatedClearTimeout;
  timers.setInterval = globalThis.setInterval;
  timers.clearInterval = emulatedClearInterval;
  timersPromises.setTimeout = emulatedSleep as typeof realSleep;
  installEntropyPatch();
  syncBuiltinESMExports();
}

export function uninstallClockPatch(): void {
  if (installs === 0 || --installs > 0) return;
  globalThis.Date = RealDate;
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
  globalThis.setInterval = realSetInterval;
  globalThis.clearInterval = realClearInterval;
  timers.setTimeout = realSetTimeout;
  timers.clearTimeout = realClearTimeout;
  timers.setInterval = realSetInterval;
  timers.clearInterval = realClearInterval;
  timersPromises.setTimeout = realSleep;
  uninstallEntropyPatch();
  syncBuiltinESMExports();
}

export { realSetTimeout };
