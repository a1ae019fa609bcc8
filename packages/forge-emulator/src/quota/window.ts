/** How a per-period quota counts: `fixed` windows reset at whole clock periods; `sliding` counts the last period. */
export type QuotaWindowKind = 'fixed' | 'sliding';

/** A rate quota of `limit` per `windowMs` on the emulator clock. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
  /** Whether n more can be taken now (without taking them). */
  fits(now: number, n: number): boolean;
  take(now: number, n: number): void;
  /** The earliest clock time at which more can fit than now. */
  nextWindowAt(now: number): number;
  /** What counts against the limit now. */
  usedAt(now: number): number;
}

export function createWindow(kind: QuotaWindowKind, limit: number, windowMs: number): RateWindow {
  return kind === 'sliding' ? new SlidingWindow(limit, windowMs) : new FixedWindow(limit, windowMs);
}

/**
 * Fixed-window counter aligned to multiples of windowMs on the emulator clock
 * (a minute quota resets at every whole virtual minute).
 */
export class FixedWindow implements RateWindow {
  private start = -1;
  private used = 0;

  constructor(readonly limit: number, readonly windowMs: number) {}

  private roll(now: number): void {
    const start = now - (now % this.windowMs);
    if (start !== this.start) {
      this.start = start;
      this.used = 0;
    }
  }

  fits(now: number, n: number): boolean {
    this.roll(now);
    return this.used + n <= this.limit;
  }

  take(now: number, n: number): void {
    this.roll(now);
    this.used += n;
  }

  usedAt(now: number): number {
    this.roll(now);
    return this.used;
  }

  nextWindowAt(now: number): number {
    return now - (now % this.windowMs) + this.windowMs;
  }
}

/**
 * Sliding-log window: what was taken in the last windowMs (times t with now - windowMs < t <= now)
 * plus n must stay within the limit. Takes at the same clock time share one log entry.
 */
export class SlidingWindow implements RateWindow {
  private readonly times: number[] = [];
  private readonly amounts: number[] = [];
  private head = 0;
  private used = 0;

  constructor(readonly limit: number, readonly windowMs: number) {}

  private expire(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.windowMs) {
      this.used -= this.amounts[this.head] ?? 0;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.amounts.splice(0, this.head);
      this.head = 0;
    }
  }

  fits(now: number, n: number): boolean {
    this.expire(now);
    return this.used + n <= this.limit;
  }

  take(now: number, n: number): void {
    this.expire(now);
    this.used += n;
    const last = this.times.length - 1;
    if (last >= this.head && this.times[last] === now) this.amounts[last] = (this.amounts[last] ?? 0) + n;
    else {
      this.times.push(now);
      this.amounts.push(n);
    }
  }

  usedAt(now: number): number {
    this.expire(now);
    return this.used;
  }

  nextWindowAt(now: number): number {
    this.expire(now);
    const oldest = this.times[this.head];
    return oldest === undefined ? now + 1 : Math.max(now + 1, oldest + this.windowMs);
  }
}
