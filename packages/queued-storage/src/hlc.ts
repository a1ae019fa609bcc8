import { randomId, type RandomSource } from './random.js';

/**
 * Hybrid logical clock stamps: `<ms:9 base36><counter:4 base36><node:8 base36>`.
 * Fixed width, so string order equals stamp order. Within one process stamps strictly increase even
 * when Date.now() stalls or goes back; the node part breaks ties between processes.
 */
export const STAMP_LENGTH = 21;
const STAMP_PATTERN = /^[0-9a-z]{21}$/;
/** Largest counter a stamp can hold (4 base-36 digits). */
export const MAX_COUNTER = 36 ** 4 - 1;

/**
 * One hybrid logical clock per producer. Every stamp it issues, with or without an explicit time, is
 * greater than every stamp it issued before and than every stamp it observed, so the order in which
 * a producer issues writes (and what it saw stored) is never inverted.
 */
export interface Clock {
  /**
   * A new stamp. Without `atMs`, its time part is the latest of the wall clock, the last stamp
   * issued and the last stamp observed (the counter breaks ties): call order is kept. With `atMs`
   * (an application's own logical time, such as the product event's timestamp) the time part is
   * `atMs` itself, even below what this clock issued or saw: a retried older event stamps below a
   * newer one written meanwhile, so the write with the latest `at` wins per key in ordered mode.
   * Stamps with the same `atMs` still increase (counter), within a bounded memory of recent times.
   */
  stamp(atMs?: number): string;
  /** Takes in a stamp seen elsewhere (a version read, a refused condition); ignores non-stamps. */
  observe(stamp: string | undefined): void;
}

const encode = (ms: number, counter: number, node: string) => ms.toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + node;

/** Wall-clock part of a stamp: millisecond and counter. */
export interface Tick {
  readonly ms: number;
  readonly counter: number;
}

/**
 * The tick after `last` when the wall clock reads `nowMs`: a later millisecond resets the counter;
 * otherwise the counter grows, and at its maximum it overflows into the next millisecond (never wraps).
 */
export function nextTick(last: Tick, nowMs: number): Tick {
  const ms = Math.max(0, Math.floor(nowMs));
  if (ms > last.ms) return { ms, counter: 0 };
  if (last.counter < MAX_COUNTER) return { ms: last.ms, counter: last.counter + 1 };
  return { ms: last.ms + 1, counter: 0 };
}

/** The tick of a stamp (its time and counter), or undefined when `stamp` is not one. */
export function tickOf(stamp: unknown): Tick | undefined {
  if (!isStamp(stamp)) return undefined;
  return { ms: parseInt(stamp.slice(0, 9), 36), counter: parseInt(stamp.slice(9, 13), 36) };
}

const laterTick = (a: Tick, b: Tick): Tick => (b.ms > a.ms || (b.ms === a.ms && b.counter > a.counter) ? b : a);

/** Earlier `atMs` values whose last counter an explicit stamp remembers (ties within one ms). */
const EXPLICIT_MEMORY = 1024;

export function createClock(now: () => number = Date.now, random: RandomSource = Math.random): Clock {
  const node = randomId(random, 8);
  let last: Tick = { ms: 0, counter: 0 };
  // Last counter issued per millisecond (for explicit times below `last`), oldest first.
  const counters = new Map<number, number>();
  const remember = (tick: Tick): Tick => {
    counters.delete(tick.ms);
    counters.set(tick.ms, tick.counter);
    if (counters.size > EXPLICIT_MEMORY) counters.delete(counters.keys().next().value as number);
    return tick;
  };
  return {
    stamp(atMs?: number) {
      const at = atMs === undefined ? undefined : Math.max(0, Math.floor(atMs));
      if (at !== undefined && at < last.ms) {
        const used = counters.get(at);
        const tick = remember({ ms: at, counter: used === undefined ? 0 : Math.min(MAX_COUNTER, used + 1) });
        return encode(tick.ms, tick.counter, node);
      }
      last = remember(nextTick(last, at ?? now()));
      return encode(last.ms, last.counter, node);
    },
    observe(stamp) {
      const seen = tickOf(stamp);
      if (seen !== undefined) last = laterTick(last, seen);
    },
  };
}

export function isStamp(value: unknown): value is string {
  return typeof value === 'string' && STAMP_PATTERN.test(value);
}

/** Epoch ms encoded in a stamp. */
export function stampTime(stamp: string): number {
  return parseInt(stamp.slice(0, 9), 36);
}

export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
