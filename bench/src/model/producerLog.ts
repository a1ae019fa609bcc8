import { fingerprint } from './fingerprint.js';

interface LoggedWrite {
  readonly print: string;
  readonly value: unknown;
}

interface KeyWrites {
  /** Writes the producer performed, in the order it performed them (a retry moves to the end). */
  performed: LoggedWrite[];
  /** Writes the load asked for that the producer has not (yet) performed, in load order. */
  intended: LoggedWrite[];
}

function without(writes: LoggedWrite[], print: string): LoggedWrite[] {
  return writes.filter((write) => write.print !== print);
}

/**
 * The expected model: every write the load asks for (`expect`, when an event is fired or a job
 * invoked) and, where the producer can be observed, the order in which it performed them
 * (`record`). Producer order per key = performed writes, then writes never performed.
 */
export class ProducerLog {
  readonly #byKey = new Map<string, KeyWrites>();
  #count = 0;

  #entry(key: string): KeyWrites {
    let entry = this.#byKey.get(key);
    if (entry === undefined) {
      entry = { performed: [], intended: [] };
      this.#byKey.set(key, entry);
    }
    return entry;
  }

  /** The load asks for this write (no-op if already known). */
  expect(key: string, value: unknown): void {
    const print = fingerprint(value);
    const entry = this.#entry(key);
    if (entry.performed.some((w) => w.print === print) || entry.intended.some((w) => w.print === print)) return;
    entry.intended.push({ print, value });
    this.#count += 1;
  }

  /** The producer performs this write now (a repeat, e.g. a retried trigger, moves it last). */
  record(key: string, value: unknown): void {
    const print = fingerprint(value);
    const entry = this.#entry(key);
    const known = entry.performed.some((w) => w.print === print) || entry.intended.some((w) => w.print === print);
    if (!known) this.#count += 1;
    entry.intended = without(entry.intended, print);
    entry.performed = without(entry.performed, print);
    entry.performed.push({ print, value });
  }

  /** Logical writes requested (distinct key/value pairs). */
  get requested(): number {
    return this.#count;
  }

  keys(): IterableIterator<string> {
    return this.#byKey.keys();
  }

  /** Fingerprints of the writes to `key` in producer order (performed first). */
  printsFor(key: string): string[] {
    const entry = this.#byKey.get(key);
    return entry === undefined ? [] : [...entry.performed, ...entry.intended].map((write) => write.print);
  }

  /** How many of `printsFor(key)` the producer performed; 0 when it could not be observed. */
  performedCount(key: string): number {
    return this.#byKey.get(key)?.performed.length ?? 0;
  }

  /** The value each key should hold at the end: its last write in producer order. */
  finalValues(): Map<string, unknown> {
    const finals = new Map<string, unknown>();
    for (const [key, entry] of this.#byKey) {
      const last = entry.performed.at(-1) ?? entry.intended.at(-1);
      if (last !== undefined) finals.set(key, last.value);
    }
    return finals;
  }
}
