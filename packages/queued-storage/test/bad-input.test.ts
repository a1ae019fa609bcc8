import { describe, expect, test } from 'vitest';
import { deadLetters, type QueuedStorage } from '../src/index.js';
import { harness } from './harness.js';

/**
 * Bad input is judged on the JSON that would be stored (after `toJSON`), through the real SDK
 * clients on the emulator: a typed error naming the rule, at the call, and nothing written or queued.
 */
function nestedObject(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
  revoke();
  return proxy;
}

const throwingGetter = () =>
  Object.defineProperty({}, 'secret', {
    enumerable: true,
    get() {
      throw new Error('no');
    },
  });

// eslint-disable-next-line no-sparse-arrays -- the sparse array is the bad input under test
const sparse = (): unknown[] => [1, , 3];

/** An object whose `toJSON` lives on its prototype, as with class instances (Date, Decimal...). */
const withToJSON = (toJSON: () => unknown): object => Object.create({ toJSON }) as object;

const cases: Array<[string, string, () => unknown]> = [
  ['toJSON returning undefined', 'not-json', () => withToJSON(() => undefined)],
  ['nested toJSON returning undefined in an array', 'not-json', () => [withToJSON(() => undefined)]],
  ['toJSON returning a BigInt', 'not-json', () => withToJSON(() => 10n)],
  ['a throwing getter', 'unreadable', throwingGetter],
  ['a toJSON that throws', 'unreadable', () => withToJSON(() => { throw new Error('no'); })],
  ['a revoked Proxy', 'unreadable', revoked],
  ['a revoked Proxy inside an object', 'unreadable', () => ({ inner: revoked() })],
  ['a sparse array', 'sparse-array', sparse],
  ['toJSON output deeper than 31', 'too-deep', () => withToJSON(() => nestedObject(32))],
  ['toJSON returning null', 'null', () => withToJSON(() => null)],
];

/** Runs the refused call; returns what reached the platform (pushes, KVS requests, stored entries). */
async function refused(h: ReturnType<typeof harness>, call: (s: QueuedStorage) => Promise<unknown>, expected: object): Promise<object> {
  await expect(h.withStorage(call)).rejects.toMatchObject(expected);
  await h.emu.runUntilIdle();
  const m = h.inst.metrics();
  return { pushes: m.pushes, kvsRequests: m.kvsRequests, entries: h.inst.kvs.entries() };
}

const NOTHING = { pushes: 0, kvsRequests: 0, entries: [] };

describe('values are judged on the JSON that would be stored', () => {
  test.each(cases)('%s -> InvalidValueError rule %s, nothing queued', async (_name, rule, make) => {
    const h = harness();
    expect(await refused(h, (s) => s.set('k', make()), { code: 'QS_INVALID_VALUE', rule, key: 'k' })).toEqual(NOTHING);
  });

  test.each(cases)('%s inside a batch of good writes -> nothing of the batch is queued', async (_name, rule, make) => {
    const h = harness();
    expect(await refused(h, (s) => s.setMany([['a', 1], ['k', make()], ['b', 2]]), { code: 'QS_INVALID_VALUE', rule })).toEqual(NOTHING);
  });

  test('a toJSON result is what is stored (no second toJSON call, no drift)', async () => {
    const h = harness();
    let calls = 0;
    const value = withToJSON(() => ({ n: ++calls }));
    await h.withStorage((s) => s.set('k', value));
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ k: { n: 1 } });
    expect(calls).toBe(1);
  });

  test('messages and paths give positions, never property names or values', async () => {
    const h = harness();
    const value = { 'bob@example.com': { ok: 1, 'alice@example.com': 12n } };
    const error = await h.withStorage((s) => s.set('k', value)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'QS_INVALID_VALUE', rule: 'not-json', path: '${0}{1}' });
    expect((error as Error).message).not.toMatch(/bob|alice|example|ok|12/);
  });

  test('an invalid key is not quoted in the message', async () => {
    const h = harness();
    const error = await h.withStorage((s) => s.set('bob@example.com', 1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'QS_INVALID_KEY', rule: 'pattern' });
    expect((error as Error).message).not.toMatch(/bob|example/);
  });
});

describe('collection arguments', () => {
  test.each([
    ['deleteMany a string', (s: QueuedStorage) => s.deleteMany('a:b' as unknown as string[])],
    ['deleteMany a number', (s: QueuedStorage) => s.deleteMany(3 as unknown as string[])],
    ['setMany a string', (s: QueuedStorage) => s.setMany('ab' as unknown as Record<string, unknown>)],
    ['setMany an iterable of non-pairs', (s: QueuedStorage) => s.setMany(['ab'] as unknown as Array<[string, unknown]>)],
    ['batch deleteMany a string', async (s: QueuedStorage) => s.batch().deleteMany('a:b' as unknown as string[]).flush()],
  ])('%s -> TypeError, nothing queued', async (_name, call) => {
    const h = harness();
    expect(await refused(h, call, { name: 'TypeError' })).toEqual(NOTHING);
  });
});

describe('dead-letter arguments', () => {
  test.each([
    ['get', (id: unknown): Promise<unknown> => deadLetters().get(id as string)],
    ['replay', (id: unknown): Promise<unknown> => deadLetters().replay(id as string)],
    ['discard', (id: unknown): Promise<unknown> => deadLetters().discard(id as string)],
  ])('%s with an invalid id -> InvalidArgumentError', async (_name, call) => {
    const h = harness();
    for (const id of ['', 'a/b', 'x'.repeat(201), 42, undefined, 'a b']) {
      await expect(h.inst.run(() => call(id))).rejects.toMatchObject({ code: 'QS_INVALID_ARGUMENT', rule: 'invalid-dead-letter-id' });
    }
  });

  test.each([[NaN], [0], [101], [1.5], ['10']])('list({ limit: %j }) -> InvalidArgumentError', async (limit) => {
    const h = harness();
    await expect(h.inst.run(() => deadLetters().list({ limit: limit as number }))).rejects.toMatchObject({ code: 'QS_INVALID_ARGUMENT', rule: 'invalid-limit' });
  });
});
