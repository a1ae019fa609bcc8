import { beforeEach, describe, expect, test } from 'vitest';
import { memoryKvs, memoryQueue, type MemoryKvs, type MemoryQueue } from '../adapters/memory.js';
import type { EventBody } from '../format.js';
import { PUSH_MAX_EVENTS } from '../limits.js';
import { seededRandom } from '../random.js';
import { createQueuedStorage } from './storage.js';
import type { QueuedStorageOptions } from './options.js';

let kvs: MemoryKvs;
let queue: MemoryQueue;
const throttled = () => Object.assign(new Error('Too many requests'), { code: 'RATE_LIMIT_EXCEEDED', status: 429 });
const fast = { baseMs: 1, minMs: 0, capMs: 2 };

function storage(options: QueuedStorageOptions = {}) {
  return createQueuedStorage({ kvs, queueFactory: () => queue, random: seededRandom(1), pushBackoff: fast, fallbackBudgetMs: 200, ...options });
}
const bodies = () => queue.pushes.flat().map((e) => e.body as unknown as EventBody);

beforeEach(() => {
  kvs = memoryKvs();
  queue = memoryQueue();
});

describe('validation happens before anything leaves', () => {
  test.each([
    ['bad key', (s: ReturnType<typeof storage>) => s.set('a/b', 1), 'QS_INVALID_KEY'],
    ['null value', (s: ReturnType<typeof storage>) => s.set('a', null), 'QS_INVALID_VALUE'],
    ['one bad entry in setMany', (s: ReturnType<typeof storage>) => s.setMany({ a: 1, b: undefined }), 'QS_INVALID_VALUE'],
    ['bad ttl', (s: ReturnType<typeof storage>) => s.set('a', 1, { ttl: { value: 0, unit: 'DAYS' } }), 'QS_INVALID_VALUE'],
  ])('%s rejects with %s; no KVS call, no push', async (_name, call, code) => {
    await expect(call(storage())).rejects.toMatchObject({ code });
    expect(kvs.calls).toEqual({});
    expect(queue.pushes).toEqual([]);
  });
});

describe('direct path', () => {
  test('writes straight to KVS when not throttled: no push', async () => {
    const receipt = await storage().setMany({ a: 1, b: 2 });
    expect(receipt).toMatchObject({ direct: 2, queued: 0, pushes: 0 });
    expect(kvs.plain.get('a')).toBe(1);
    expect(queue.pushes).toEqual([]);
  });

  test('queues only what KVS throttled, then skips the direct path during the cooldown', async () => {
    kvs.fault.call = (method) => {
      if (method === 'transact') throw throttled();
    };
    const s = storage();
    const first = await s.set('a', 1);
    expect(first).toMatchObject({ direct: 0, queued: 1, pushes: 1, events: 1 });
    const transacts = kvs.calls.transact;
    await s.set('b', 2);
    expect(kvs.calls.transact).toBe(transacts);
    expect(bodies().map((b) => b.ops[0]?.k)).toEqual(['a', 'b']);
  });

  test('the throttle memory belongs to the storage instance: another instance writes directly', async () => {
    kvs.fault.call = (method) => {
      if (method === 'transact') throw throttled();
    };
    await storage().set('a', 1);
    kvs.fault.call = undefined;
    const other = await storage().set('b', 2);
    expect(other).toMatchObject({ direct: 1, queued: 0 });
  });

  test('maxCalls bounds the direct writes; the rest is queued', async () => {
    const entries = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    const receipt = await storage({ direct: { maxCalls: 1 } }).setMany(entries);
    expect(receipt).toMatchObject({ direct: 12, queued: 28, events: 1 });
  });
});

describe('queue path (direct: false)', () => {
  test('calls in the same tick share one push; writes to one key coalesce (last wins)', async () => {
    const s = storage({ direct: false });
    const [r1, r2, r3] = await Promise.all([s.set('a', 1), s.set('b', 2), s.set('a', 3)]);
    expect(r1).toBe(r2);
    expect(r3).toMatchObject({ pushes: 1, events: 1, queued: 2 });
    expect(bodies()[0]?.ops.map((o) => [o.k, 'v' in o ? o.v : 'deleted'])).toEqual([['a', 3], ['b', 2]]);
  });

  test('many operations pack into few events and pushes within the limits', async () => {
    const entries = Array.from({ length: 3000 }, (_, i): [string, unknown] => [`issue:${i}`, { summary: 'x'.repeat(200), i }]);
    const receipt = await storage({ direct: false, maxOperationsPerEvent: 50 }).setMany(entries);
    expect(receipt.events).toBe(60);
    const total = Buffer.byteLength(JSON.stringify(queue.pushes.flat()));
    expect(receipt.pushes).toBeGreaterThanOrEqual(Math.ceil(total / (200 * 1024)));
    expect(receipt.pushes).toBeLessThanOrEqual(Math.ceil(total / (200 * 1024)) + 1);
    for (const push of queue.pushes) {
      expect(push.length).toBeLessThanOrEqual(PUSH_MAX_EVENTS);
      expect(Buffer.byteLength(JSON.stringify(push))).toBeLessThanOrEqual(200 * 1024);
    }
    expect(bodies().flatMap((b) => b.ops)).toHaveLength(3000);
  });

  test('large values split by bytes; longRunningConsumer halves the event size', async () => {
    const entries = Array.from({ length: 8 }, (_, i): [string, unknown] => [`k${i}`, 'x'.repeat(60_000)]);
    const short = await storage({ direct: false }).setMany(entries);
    queue = memoryQueue();
    const long = await storage({ direct: false, longRunningConsumer: true }).setMany(entries);
    expect(short.events).toBe(3);
    expect(long.events).toBe(8);
  });

  test('a push RateLimitError is not retried in place: PushQuotaSpentError, and no push until the window reopens', async () => {
    let t = 1_000_000;
    let calls = 0;
    queue.fault = () => {
      calls += 1;
      throw Object.assign(new Error('Too many requests.'), { name: 'RateLimitError' });
    };
    const s = storage({ direct: false, now: () => t });
    await expect(s.set('a', 1)).rejects.toMatchObject({ name: 'PushQuotaSpentError', code: 'QS_PUSH_FAILED', retryable: true, rule: 'push-quota-spent', pendingOperations: 1, retryAfterMs: 60_000 });
    expect(calls).toBe(1);
    t += 59_000;
    await expect(s.set('b', 2)).rejects.toMatchObject({ name: 'PushQuotaSpentError', retryAfterMs: 1_000 });
    expect(calls).toBe(1);
    queue.fault = () => undefined;
    t += 1_000;
    expect(await s.set('c', 3)).toMatchObject({ pushes: 1, queued: 1 });
  });

  test('a retried trigger whose push window the estimate puts past its deadline still pushes once before it', async () => {
    let calls = 0;
    queue.fault = () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('Too many requests.'), { name: 'RateLimitError' });
      return undefined;
    };
    // Deadline 1.3 s away (no invocation context); the refusal blocks the estimate for a whole window.
    const s = storage({ direct: false, fallbackBudgetMs: 1_300 });
    await expect(s.set('a', 1)).rejects.toMatchObject({ name: 'PushQuotaSpentError' });
    // The same write again (the platform's retry): others' pushes left the window meanwhile.
    expect(await s.set('a', 1)).toMatchObject({ pushes: 1, queued: 1 });
    expect(calls).toBe(2);
  });

  test('a push refused for its quota is written directly when the write units are free', async () => {
    queue.fault = () => {
      throw Object.assign(new Error('Too many requests.'), { name: 'RateLimitError' });
    };
    const receipt = await storage({ direct: { maxCalls: 1 } }).setMany(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i])));
    expect(receipt).toMatchObject({ direct: 30, queued: 0, pushes: 0 });
    expect(kvs.plain.get('k29')).toBe(29);
  });

  test('a partial success re-pushes exactly the failed events', async () => {
    let n = 0;
    queue.fault = (events) => (++n === 1 ? events.map((_, i) => i).filter((i) => i % 2 === 1) : undefined);
    const entries = Array.from({ length: 40 }, (_, i): [string, unknown] => [`k${i}`, i]);
    const receipt = await storage({ direct: false, maxOperationsPerEvent: 10 }).setMany(entries);
    expect(receipt).toMatchObject({ events: 4, pushes: 2 });
    expect(queue.pushes.map((p) => p.length)).toEqual([2, 2]);
    expect(bodies().flatMap((b) => b.ops.map((o) => o.k)).sort()).toEqual(entries.map(([k]) => k).sort());
  });

  test('a push still failing at the deadline throws PushFailedError (retryable)', async () => {
    queue.fault = () => {
      throw Object.assign(new Error('Internal server error'), { name: 'InternalServerError' });
    };
    await expect(storage({ direct: false, fallbackBudgetMs: 20 }).set('a', 1)).rejects.toMatchObject({
      code: 'QS_PUSH_FAILED',
      retryable: true,
      pendingOperations: 1,
    });
  });

  test('batch() collects until flush()', async () => {
    const batch = storage({ direct: false }).batch();
    batch.set('a', 1).delete('b').setMany({ c: 3 });
    expect(queue.pushes).toEqual([]);
    const receipt = await batch.flush();
    expect(receipt).toMatchObject({ queued: 3, pushes: 1 });
    expect(batch.size).toBe(0);
  });
});

describe('options', () => {
  test.each([
    [{ queue: 'bad name!' }],
    [{ direct: 'yes' }],
    [{ maxOperationsPerEvent: 0 }],
    [{ delayInSeconds: 901 }],
    [{ pushBackoff: { strategy: 'linear' } }],
    [{ versionTtl: { value: 2, unit: 'YEARS' } }],
  ])('%j -> TypeError at construction', (options) => {
    expect(() => createQueuedStorage(options as QueuedStorageOptions)).toThrow(TypeError);
  });
});

describe('write order (option at)', () => {
  test('across producers a write with an older `at` does not replace a newer one; within one, call order wins', async () => {
    await storage().set('k', 'from event 2', { at: 2_000 });
    await storage().set('k', 'from event 1 (retried later)', { at: new Date(1_000) });
    expect(kvs.plain.get('k')).toBe('from event 2');
    const s = storage();
    await s.set('k', 'event 3', { at: 3_000 });
    await s.set('k', 'issued after event 3', { at: 1_000 });
    expect(kvs.plain.get('k')).toBe('issued after event 3');
    await s.delete('k', { at: 3_000 });
    expect(kvs.plain.has('k')).toBe(false);
  });

  test.each([[-1], [NaN], [new Date('nope')], ['2020' as unknown as number]])('rejects at=%s with rule invalid-at', async (at) => {
    await expect(storage().set('k', 1, { at })).rejects.toMatchObject({ code: 'QS_INVALID_VALUE', rule: 'invalid-at' });
  });
});
