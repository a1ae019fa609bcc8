import { MinHeap } from './heap.js';

/** One scheduled callback on the emulator clock. */
export interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * Discrete-event scheduler. In virtual mode `now` only moves when `advanceTo` is called;
 * in real mode `now` is the wall clock and callers wait for due times themselves.
 */
export class Scheduler {
  private readonly heap = new MinHeap<Timer>();
  private seq = 0;
  private live = 0;
  private virtualNow: number;
  readonly virtual: boolean;
  readonly startMs: number;

  constructor(mode: 'virtual' | 'real', startMs: number) {
    this.virtual = mode === 'virtual';
    this.virtualNow = startMs;
    this.startMs = startMs;
  }

  now(): number {
    return this.virtual ? this.virtualNow : realNow();
  }

  schedule(at: number, fn: () => void): Timer {
    const timer: Timer = { at, seq: this.seq++, fn, cancelled: false };
    this.heap.push(timer);
    this.live++;
    return timer;
  }

  cancel(timer: Timer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    timer.fn = noop;
    this.live--;
    // Lazy deletion: cancelled timers stay in the heap; rebuild when they dominate it.
    if (this.heap.size > 4096 && this.heap.size > 2 * this.live) this.heap.filter((t) => !t.cancelled);
  }

  get pending(): number {
    return this.live;
  }

  /** Due time of the next live timer. */
  nextAt(): number | undefined {
    return this.next()?.at;
  }

  /** The next live timer. */
  next(): Timer | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined) return undefined;
      if (!top.cancelled) return top;
      this.heap.pop();
    }
  }

  /** Run every timer due at or before `t` (moving virtual time forward); returns how many ran. */
  runDue(t: number): number {
    let ran = 0;
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.at > t) break;
      this.heap.pop();
      if (top.cancelled) continue;
      top.cancelled = true;
      this.live--;
      if (this.virtual && top.at > this.virtualNow) this.virtualNow = top.at;
      ran++;
      top.fn();
    }
    if (this.virtual && t > this.virtualNow) this.virtualNow = t;
    return ran;
  }
}

const noop = (): void => undefined;
const RealDate = Date;
export const realNow = (): number => RealDate.now();
