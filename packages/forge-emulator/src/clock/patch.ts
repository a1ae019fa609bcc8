import { currentInvocation } from '../runtime/context.js';

/**
 * Patches Date, setTimeout and clearTimeout so that code running inside a virtual-clock invocation
 * sees the emulator clock; everywhere else the real implementations run unchanged.
 */
const RealDate = globalThis.Date;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Handle returned by the patched setTimeout inside an invocation (shaped like a Node Timeout). */
export class VirtualTimeout {
  constructor(readonly handle: unknown, private readonly cancelFn: (h: unknown) => void) {}
  cancel(): void {
    this.cancelFn(this.handle);
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
  return currentInvocation()?.virtualNow?.();
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
  if (ctx?.virtualNow === undefined || ctx.schedule === undefined || ctx.cancel === undefined || typeof cb !== 'function') {
    return Reflect.apply(realSetTimeout, this, [cb, ms, ...args]);
  }
  const delay = Math.max(0, Number(ms) || 0);
  const fn = cb as (...a: unknown[]) => void;
  const handle = ctx.schedule(ctx.virtualNow() + delay, () => {
    fn(...args);
  });
  return new VirtualTimeout(handle, ctx.cancel);
}

function emulatedClearTimeout(this: unknown, t: unknown): void {
  if (t instanceof VirtualTimeout) {
    t.cancel();
    return;
  }
  Reflect.apply(realClearTimeout, this, [t]);
}

let installs = 0;

export function installClockPatch(): void {
  if (installs++ > 0) return;
  globalThis.Date = EmulatedDate as DateConstructor;
  globalThis.setTimeout = emulatedSetTimeout as typeof setTimeout;
  globalThis.clearTimeout = emulatedClearTimeout;
}

export function uninstallClockPatch(): void {
  if (installs === 0 || --installs > 0) return;
  globalThis.Date = RealDate;
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
}

export { realSetTimeout };
