import { beforeEach, describe, expect, test } from 'vitest';
import { memoryKvs, memoryQueue, type MemoryKvs, type MemoryQueue } from '../adapters/memory.js';
import { DEAD_LETTER_PREFIX, type DeadLetter } from '../dead-letters/record.js';
import type { EventBody } from '../format.js';
import { RETRY_DATA_MAX_BYTES } from '../limits.js';
import { seededRandom } from '../random.js';
import { createConsumer } from './create.js';
import type { ConsumerOptions } from './options.js';
import type { ConsumerOutcome } from './outcome.js';

let kvs: MemoryKvs;
let queue: MemoryQueue;
let outcomes: ConsumerOutcome[];
const NOW = 1_800_000_000_000;
const s = (n: number) => n.toString(36).padStart(13, '0') + 'node0000';
const body = (ops: EventBody['ops'], patch: Partial<EventBody> = {}): EventBody => ({ qs: 1, id: 'evt1', at: NOW, q: NOW, ops, ...patch });
const throttled = () => Object.assign(new Error('Too many requests'), { code: 'RATE_LIMIT_EXCEEDED', status: 429 });
interface RetryJson { _retry: boolean; retryOptions: { retryAfter: number; retryReason: string; retryData: unknown } }

function consumer(options: ConsumerOptions = {}) {
  return createConsumer({ kvs, queueFactory: () => queue, random: seededRandom(2), now: () => NOW, log: false, onOutcome: (o) => { outcomes.push(o); }, fallbackBudgetMs: 100, ...options });
}
const deadLetters = () => [...kvs.plain.entries()].filter(([k]) => k.startsWith(DEAD_LETTER_PREFIX)).map(([, v]) => v as DeadLetter);
const event = (b: unknown, retryContext?: unknown) => ({ body: b, queueName: 'storage-queue', jobId: 'j', eventId: 'e', retryContext });

beforeEach(() => {
  kvs = memoryKvs();
  queue = memoryQueue();
  outcomes = [];
});

describe('consumer', () => {
  test('applies an event and reports one outcome', async () => {
    const result = await consumer()(event(body([{ k: 'a', s: s(1), v: 1 }, { k: 'b', s: s(2), d: 1 }])));
    expect(result).toBeUndefined();
    expect(kvs.plain.get('a')).toBe(1);
    expect(outcomes).toEqual([expect.objectContaining({ outcome: 'ok', applied: 2, operations: 2, attempt: 1 })]);
  });

  test.each([
    ['a string body', 'hello'],
    ['another library', { issueKey: 'A-1' }],
    ['a future version', { qs: 99, id: 'x', at: 1, ops: [] }],
    ['missing ops', { qs: 1, id: 'x', at: 1 }],
  ])('dead-letters %s instead of crashing', async (_name, b) => {
    expect(await consumer()(event(b))).toBeUndefined();
    expect(deadLetters()).toEqual([expect.objectContaining({ reason: 'malformed', ops: [] })]);
    expect(outcomes[0]?.outcome).toBe('malformed');
  });

  test('throttled: returns InvocationError with whole seconds, a rate-limit reason and small retryData', async () => {
    kvs.fault.call = (m) => {
      if (m === 'transact') throw throttled();
    };
    const result = (await consumer()(event(body([{ k: 'a', s: s(1), v: 1 }])))) as unknown as RetryJson;
    expect(result._retry).toBe(true);
    expect(Number.isInteger(result.retryOptions.retryAfter)).toBe(true);
    expect(result.retryOptions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(result.retryOptions.retryAfter).toBeLessThanOrEqual(900);
    expect(result.retryOptions.retryReason).toBe('FUNCTION_UPSTREAM_RATE_LIMITED');
    expect(Buffer.byteLength(JSON.stringify(result.retryOptions.retryData))).toBeLessThanOrEqual(RETRY_DATA_MAX_BYTES);
  });

  test('a retry touches only what failed before (settled bitmap in retryData)', async () => {
    const ops = Array.from({ length: 30 }, (_, i) => ({ k: `k${i}`, s: s(1), v: i }));
    kvs.fault.item = (_m, key) => (key === 'k7' ? { code: 'RATE_LIMIT_EXCEEDED', message: '' } : undefined);
    const first = (await consumer({ ordered: false })(event(body(ops)))) as unknown as RetryJson;
    kvs.fault.item = undefined;
    const written: string[] = [];
    kvs.fault.call = (m, keys) => {
      if (m === 'batchSet') written.push(...keys);
    };
    const retry = { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: first.retryOptions.retryData };
    expect(await consumer({ ordered: false })(event(body(ops), retry))).toBeUndefined();
    // k7 failed; k25..k29 were not attempted (the run stops at a 429); k0..k24 except k7 are not rewritten.
    expect(written).toEqual(['k7', 'k25', 'k26', 'k27', 'k28', 'k29']);
  });

  test('at the platform retry cap the event is re-driven as a fresh event with its history', async () => {
    kvs.fault.call = (m) => {
      if (m === 'transact') throw throttled();
    };
    const retry = { retryCount: 4, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: undefined, retentionWindow: { remainingTimeMs: 3_600_000 } };
    expect(await consumer()(event(body([{ k: 'a', s: s(1), v: 1 }], { h: { attempts: 5, redrives: 1 } }), retry))).toBeUndefined();
    const pushed = queue.pushes.flat();
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.body).toMatchObject({ at: NOW, ops: [{ k: 'a' }], h: { attempts: 10, redrives: 2, lastError: 'RATE_LIMIT_EXCEEDED' } });
    expect(outcomes[0]).toMatchObject({ outcome: 'redrive', attempt: 10 });
  });

  test('re-drives one retry early; when that push fails, the reserved platform retry is used', async () => {
    kvs.fault.call = (m) => {
      if (m === 'transact' || m === 'set') throw throttled();
    };
    queue.fault = () => {
      throw Object.assign(new Error('Too many requests.'), { name: 'RateLimitError' });
    };
    const retry = { retryCount: 3, retryData: undefined, retentionWindow: { remainingTimeMs: 3_600_000 } };
    const result = (await consumer({ fallbackBudgetMs: 0 })(event(body([{ k: 'a', s: s(1), v: 1 }]), retry))) as unknown as RetryJson;
    expect(result._retry).toBe(true);
    expect(outcomes[0]?.outcome).toBe('retry');
    expect(deadLetters()).toEqual([]);
  });

  test('near the end of the retention window the event is re-driven too', async () => {
    kvs.fault.call = (m) => {
      if (m === 'transact') throw throttled();
    };
    const retry = { retryCount: 1, retryData: undefined, retentionWindow: { remainingTimeMs: 30_000 } };
    await consumer()(event(body([{ k: 'a', s: s(1), v: 1 }]), retry));
    expect(outcomes[0]?.outcome).toBe('redrive');
  });

  test('past maxAge the operations become a dead letter (never dropped)', async () => {
    kvs.fault.call = (m) => {
      if (m === 'transact') throw throttled();
    };
    await consumer({ maxAgeMs: 1000 })(event(body([{ k: 'a', s: s(1), v: 1 }], { at: NOW - 5000 })));
    expect(deadLetters()).toEqual([expect.objectContaining({ reason: 'max-age', ops: [{ k: 'a', s: s(1), v: 1 }], firstQueuedAt: NOW - 5000 })]);
  });

  test('a permanent failure is dead-lettered once; the rest is applied', async () => {
    kvs.fault.call = (m, keys) => {
      if (m === 'transact' && keys.includes('bad')) throw Object.assign(new Error('no'), { code: 'INVALID_VALUE', status: 400 });
    };
    const result = await consumer()(event(body([{ k: 'good', s: s(1), v: 1 }, { k: 'bad', s: s(1), v: 2 }])));
    expect(result).toBeUndefined();
    expect(kvs.plain.get('good')).toBe(1);
    expect(deadLetters()).toEqual([expect.objectContaining({ reason: 'permanent', ops: [{ k: 'bad', s: s(1), v: 2 }] })]);
    expect(JSON.stringify(outcomes)).not.toContain('"v"');
  });

  test('an invalid operation inside a valid event is dead-lettered with its reason', async () => {
    await consumer()(event({ ...body([{ k: 'ok', s: s(1), v: 1 }]), ops: [{ k: 'ok', s: s(1), v: 1 }, { k: 'x', s: s(1), v: null }] }));
    expect(kvs.plain.get('ok')).toBe(1);
    expect(deadLetters()).toEqual([expect.objectContaining({ reason: 'permanent', detail: expect.stringContaining('null') as unknown })]);
  });

  describe('a delivery of a life this instance ended (duplicate, or a retry after a timeout) is acknowledged without work', () => {
    test('a settled life: no call, outcome ok with duplicate "settled"', async () => {
      const handler = consumer();
      const e = event(body([{ k: 'a', s: s(1), v: 1 }]));
      await handler(e);
      const calls = { ...kvs.calls };
      expect(await handler(e)).toBeUndefined();
      expect(kvs.calls).toEqual(calls);
      expect(outcomes[1]).toMatchObject({ outcome: 'ok', duplicate: 'settled', applied: 0, reads: 0, writes: 0 });
    });

    test('another instance (no memory of it) applies it again: stale, nothing written twice', async () => {
      const e = event(body([{ k: 'a', s: s(1), v: 1 }]));
      await consumer()(e);
      const writes = kvs.calls.transact;
      await consumer()(e);
      expect(kvs.calls.transact).toBe(writes);
      expect(outcomes[1]).toMatchObject({ outcome: 'ok', stale: 1, writes: 0 });
      expect(outcomes[1]?.duplicate).toBeUndefined();
    });

    test('a re-driven life pushes one successor, not one per copy (soak seed 130001388: copies multiplied)', async () => {
      kvs.fault.call = (m) => {
        if (m === 'transact') throw throttled();
      };
      const handler = consumer();
      const retry = { retryCount: 4, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: undefined, retentionWindow: { remainingTimeMs: 3_600_000 } };
      const e = event(body([{ k: 'a', s: s(1), v: 1 }], { h: { attempts: 5, redrives: 1 } }), retry);
      await handler(e);
      await handler(e);
      expect(queue.pushes.flat()).toHaveLength(1);
      expect(outcomes.map((o) => [o.outcome, o.duplicate])).toEqual([['redrive', undefined], ['ok', 'redriven']]);
      // The successor is a new life: handled, not mistaken for the duplicate.
      const successor = queue.pushes.flat()[0]?.body;
      await handler(event(successor));
      expect(outcomes[2]).toMatchObject({ outcome: 'retry' });
      expect(outcomes[2]?.duplicate).toBeUndefined();
    });

    test('a life that asked for a retry is not ended: its retry is handled', async () => {
      let refuse = true;
      kvs.fault.call = (m) => {
        if (m === 'transact' && refuse) throw throttled();
      };
      let t = NOW;
      const handler = consumer({ now: () => t });
      const b = body([{ k: 'a', s: s(1), v: 1 }]);
      expect(await handler(event(b))).toBeDefined();
      refuse = false;
      t += 10 * 60_000; // the retry comes when the pacer's estimate has the units again
      await handler(event(b, { retryCount: 1, retryData: undefined, retentionWindow: { remainingTimeMs: 3_600_000 } }));
      expect(kvs.plain.get('a')).toBe(1);
      expect(outcomes.map((o) => o.outcome)).toEqual(['retry', 'ok']);
    });

    test('permanent failures are dead-lettered once, not once per copy', async () => {
      kvs.fault.call = (m, keys) => {
        if (m === 'transact' && keys.includes('bad')) throw Object.assign(new Error('no'), { code: 'INVALID_VALUE', status: 400 });
      };
      const handler = consumer();
      const e = event(body([{ k: 'good', s: s(1), v: 1 }, { k: 'bad', s: s(1), v: 2 }]));
      await handler(e);
      await handler(e);
      expect(deadLetters()).toHaveLength(1);
    });

    test('lives are told apart by installation, id, re-drive count and content', async () => {
      const { lifeKey } = await import('./lives.js');
      const b = body([{ k: 'a', s: s(1), v: 1 }]);
      const keys = [
        lifeKey('i1', b, 0), lifeKey('i2', b, 0), lifeKey('i1', b, 1), lifeKey('i1', { ...b, id: 'evt2' }, 0),
        lifeKey('i1', { ...b, q: NOW + 1 }, 0), lifeKey('i1', body([{ k: 'b', s: s(1), v: 1 }]), 0), lifeKey('i1', body([{ k: 'a', s: s(2), v: 1 }]), 0),
        lifeKey('i1', body([{ k: 'a', s: s(1), v: 1 }, { k: 'b', s: s(1), v: 1 }]), 0),
      ];
      expect(new Set(keys).size).toBe(keys.length);
      // The value is not part of it: the same operations are the same life.
      expect(lifeKey('i1', body([{ k: 'a', s: s(1), v: 2 }]), 0)).toBe(keys[0]);
    });

    test('two different events sharing an id (a seeded producer twice in one millisecond) are both applied', async () => {
      const handler = consumer();
      await handler(event(body([{ k: 'a', s: s(1), v: 1 }])));
      await handler(event(body([{ k: 'b', s: s(1), v: 2 }])));
      expect(kvs.plain.get('b')).toBe(2);
      expect(outcomes[1]?.duplicate).toBeUndefined();
    });
  });

  test('the resolver form reads payload.retryContext', async () => {
    const { createResolverConsumer } = await import('./create.js');
    const defs = createResolverConsumer({ kvs, queueFactory: () => queue, log: false, now: () => NOW, method: 'apply-writes' });
    const payload = { ...body([{ k: 'r', s: s(1), v: 'x' }]), retryContext: { retryCount: 1, retryData: undefined } };
    await defs({ call: { functionKey: 'apply-writes', payload }, context: {} });
    expect(kvs.plain.get('r')).toBe('x');
  });

  test.each([[{ maxRetries: -1 }], [{ backoff: { strategy: 'nope' } }], [{ log: 'yes' }], [{ maxAgeMs: 0 }]])('%j -> TypeError', (options) => {
    expect(() => createConsumer(options as ConsumerOptions)).toThrow(TypeError);
  });
});
