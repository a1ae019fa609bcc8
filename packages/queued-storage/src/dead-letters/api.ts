import { DeadLetterNotFoundError, InvalidArgumentError, NotReplayableError } from '../errors.js';
import { checkKnownOptions } from '../known-options.js';
import { COMMON_OPTION_NAMES, resolveCommon, type CommonOptions } from '../options.js';
import { buildEvents, maxEventBytes, pushAll, PUSH_POLICY } from '../queue/index.js';
import { createClock } from '../hlc.js';
import { withRetry } from '../retry.js';
import { invocationDeadline, sleep } from '../runtime.js';
import { DEAD_LETTER_PREFIX, deadLetterKey, isDeadLetter, type DeadLetter } from './record.js';

export interface DeadLettersOptions extends CommonOptions {
  /** The consumer has timeoutSeconds > 55 (replayed events then hold <= 100 KB). Default false. */
  longRunningConsumer?: boolean;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  nextCursor?: string | undefined;
}

export interface ReplayResult {
  jobIds: string[];
  events: number;
  operations: number;
}

export interface DeadLetters {
  /**
   * Oldest first. `limit` default 20 (max 100). Values are left out (`ops[].v` and `raw` undefined)
   * unless `values: true`; `get(id)` returns the whole record.
   */
  list(options?: { limit?: number; cursor?: string; values?: boolean }): Promise<DeadLetterPage>;
  get(id: string): Promise<DeadLetter | undefined>;
  /**
   * Pushes the operations again as fresh events, then deletes the record. Operations keep their
   * stamps (in ordered mode a newer write still wins) unless `restamp: true` makes them the newest.
   */
  replay(id: string, options?: { restamp?: boolean }): Promise<ReplayResult>;
  /** Deletes the record. Returns false when it did not exist. */
  discard(id: string): Promise<boolean>;
}

/** A listing copy of a record: keys, stamps and metadata, no stored values. */
function withoutValues(record: DeadLetter): DeadLetter {
  return { ...record, raw: undefined, ops: record.ops.map((op) => ('d' in op ? op : { k: op.k, s: op.s, v: undefined })) };
}

/** Dead-letter ids are made of KVS key characters (see safeId in the consumer). */
const ID_PATTERN = /^[a-zA-Z0-9:._-]{1,200}$/;

function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new InvalidArgumentError('invalid-dead-letter-id', `a dead-letter id is 1..200 characters of a-z A-Z 0-9 : . _ -, got ${typeof id === 'string' ? `a string of ${id.length} characters` : typeof id}`);
  }
}

function checkListOptions(opts: unknown): { limit: number; cursor: string | undefined; values: boolean } {
  if (typeof opts !== 'object' || opts === null) throw new InvalidArgumentError('invalid-limit', 'list options must be an object');
  const { limit = 20, cursor, values } = opts as { limit?: unknown; cursor?: unknown; values?: unknown };
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InvalidArgumentError('invalid-limit', `list limit must be an integer in 1..100, got ${typeof limit === 'number' ? String(limit) : typeof limit}`);
  }
  if (cursor !== undefined && (typeof cursor !== 'string' || cursor.length === 0)) throw new InvalidArgumentError('invalid-cursor', 'list cursor must be a non-empty string (a nextCursor from an earlier page)');
  return { limit, cursor, values: values === true };
}

export function deadLetters(options: DeadLettersOptions = {}): DeadLetters {
  const o = resolveCommon(options);
  checkKnownOptions(options, [...COMMON_OPTION_NAMES, 'longRunningConsumer'], 'deadLetters');
  const policy = PUSH_POLICY;
  const clock = createClock(o.now, o.random);
  // Every call retries throttling and server errors within the invocation's time.
  const retry = <T>(fn: () => Promise<T>) =>
    withRetry(fn, { now: o.now, sleep, random: o.random, policy, deadline: invocationDeadline(o.now, 2_000, 20_000) });
  const get = async (id: string) => {
    checkId(id);
    const value = await retry(() => o.kvs.get(deadLetterKey(id)));
    return isDeadLetter(value) ? value : undefined;
  };
  return {
    async list(opts = {}) {
      const { limit, cursor, values } = checkListOptions(opts);
      const page = await retry(() => o.kvs.list(DEAD_LETTER_PREFIX, { limit, cursor }));
      const items = page.entries.map((e) => e.value).filter(isDeadLetter);
      return { items: values ? items : items.map(withoutValues), nextCursor: page.nextCursor };
    },
    get,
    async replay(id, opts = {}) {
      const record = await get(id);
      if (record === undefined) throw new DeadLetterNotFoundError(id);
      if (record.ops.length === 0) throw new NotReplayableError(id);
      const ops = opts.restamp === true ? record.ops.map((op) => ({ ...op, s: clock.stamp() })) : record.ops;
      const limits = { maxEventBytes: maxEventBytes(options.longRunningConsumer ?? false), maxOperationsPerEvent: 250 };
      const { events } = buildEvents(ops, limits, o.now(), o.random);
      const deadline = invocationDeadline(o.now, 2_000, 20_000);
      const pushed = await pushAll(o.queueFactory(o.queue), events, { now: o.now, sleep, random: o.random, policy, deadline });
      await retry(() => o.kvs.delete(deadLetterKey(id)));
      return { jobIds: pushed.jobIds, events: events.length, operations: ops.length };
    },
    async discard(id) {
      const existed = (await get(id)) !== undefined;
      if (existed) await retry(() => o.kvs.delete(deadLetterKey(id)));
      return existed;
    },
  };
}
