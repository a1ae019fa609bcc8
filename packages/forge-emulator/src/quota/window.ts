/**
 * Fixed-window counter aligned to multiples of windowMs on the emulator clock
 * (a minute quota resets at every whole virtual minute).
 */
export class FixedWindow {
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

  /** Whether n more can be taken now (without taking them). */
  fits(now: number, n: number): boolean {
    this.roll(now);
    return this.used + n <= this.limit;
  }

  take(now: number, n: number): void {
    this.roll(now);
    this.used += n;
  }

  /** Taken so far in the current window. */
  usedAt(now: number): number {
    this.roll(now);
    return this.used;
  }

  /** Start of the next window. */
  nextWindowAt(now: number): number {
    return now - (now % this.windowMs) + this.windowMs;
  }
}
