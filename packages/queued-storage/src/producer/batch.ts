import type { Clock } from '../hlc.js';
import type { Operation } from '../operation.js';
import { validateKey, validateTtl, validateValue, type Ttl } from '../validate.js';
import type { Receipt } from './flush.js';

export interface SetOptions {
  /** KVS time to live (<= 1 year). */
  ttl?: Ttl;
}

export type Entries = Iterable<readonly [string, unknown]> | Record<string, unknown>;

function entriesOf(entries: Entries): Iterable<readonly [string, unknown]> {
  return Symbol.iterator in entries ? (entries as Iterable<readonly [string, unknown]>) : Object.entries(entries);
}

/**
 * Validates and stamps one operation. Throws InvalidKeyError / InvalidValueError. The value is
 * copied through JSON, so later changes to the caller's object do not leak into the write.
 */
export function makeSet(clock: Clock, key: unknown, value: unknown, options?: SetOptions): Operation {
  validateKey(key);
  const json = validateValue(value, key);
  const op: Operation = { k: key, s: clock.stamp(), v: JSON.parse(json) as unknown };
  if (options?.ttl !== undefined) {
    validateTtl(options.ttl, key);
    op.t = { value: options.ttl.value, unit: options.ttl.unit };
  }
  return op;
}

export function makeDelete(clock: Clock, key: unknown): Operation {
  validateKey(key);
  return { k: key, s: clock.stamp(), d: 1 };
}

/** Validates every entry before returning any operation (all or nothing). */
export function makeSets(clock: Clock, entries: Entries, options?: SetOptions): Operation[] {
  return [...entriesOf(entries)].map(([k, v]) => makeSet(clock, k, v, options));
}

export function makeDeletes(clock: Clock, keys: Iterable<string>): Operation[] {
  return [...keys].map((k) => makeDelete(clock, k));
}

/** Collects writes; nothing leaves the invocation until `flush()`. Validation happens at each call. */
export class Batch {
  private ops: Operation[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly flushOps: (ops: Operation[]) => Promise<Receipt>,
  ) {}

  /** Operations collected so far (before coalescing). */
  get size(): number {
    return this.ops.length;
  }

  set(key: string, value: unknown, options?: SetOptions): this {
    this.ops.push(makeSet(this.clock, key, value, options));
    return this;
  }

  delete(key: string): this {
    this.ops.push(makeDelete(this.clock, key));
    return this;
  }

  setMany(entries: Entries, options?: SetOptions): this {
    this.ops.push(...makeSets(this.clock, entries, options));
    return this;
  }

  deleteMany(keys: Iterable<string>): this {
    this.ops.push(...makeDeletes(this.clock, keys));
    return this;
  }

  /** Hands everything collected to KVS or the queue; the batch is empty afterwards. */
  flush(): Promise<Receipt> {
    const ops = this.ops;
    this.ops = [];
    return this.flushOps(ops);
  }
}
