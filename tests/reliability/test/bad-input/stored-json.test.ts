/**
 * Library bad-input catalogue, issue 10 (breakages 3 and 5): values are judged on the JSON that would
 * be stored (after `toJSON`), collection arguments and dead-letter arguments are checked, and no
 * message quotes data. Every case: a typed error naming its rule, at the call, nothing queued or
 * written. Self-contained (the emulator and the library's public API only).
 */
import { createEmulator, type Emulator, type Installation } from '@forge-queue/forge-emulator';
import { createConsumer, createQueuedStorage, deadLetters, VERSION_ENTITY_DECLARATION, type QueuedStorage } from '@forge-queue/queued-storage';
import { afterEach, describe, expect, test } from 'vitest';

const QUEUE = 'storage-queue';
const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

function install(): Installation {
  const emulator = createEmulator({ seed: 11, clock: 'virtual' });
  active.push(emulator);
  const app = emulator.defineApp({
    name: 'stored-json',
    manifest: {
      app: { id: 'ari:cloud:ecosystem::app/22222222-2222-4222-8222-222222222222', runtime: { name: 'nodejs22.x' }, storage: { entities: [VERSION_ENTITY_DECLARATION] } },
      permissions: { scopes: ['storage:app'] },
      modules: {
        consumer: [{ key: 'storage-consumer', queue: QUEUE, function: 'consumer' }],
        function: [{ key: 'consumer', handler: 'index.storageConsumer' }],
      },
    },
    modules: { index: { storageConsumer: createConsumer({ queue: QUEUE, log: false }) } },
  });
  return emulator.install(app, { installationId: 'stored-json' });
}

async function refusal(call: (s: QueuedStorage) => Promise<unknown>): Promise<{ error: unknown; reached: object }> {
  const inst = install();
  let error: unknown;
  try {
    await inst.run(() => call(createQueuedStorage({ queue: QUEUE })));
  } catch (e) {
    error = e;
  }
  const m = inst.metrics();
  return { error, reached: { eventsPushed: m.eventsPushed, kvsRequests: m.kvsRequests, entries: inst.kvs.entries().length } };
}
const NOTHING = { eventsPushed: 0, kvsRequests: 0, entries: 0 };

/** `toJSON` on the prototype, as class instances have it (an own function property is refused anyway). */
const withToJSON = (toJSON: () => unknown): object => Object.create({ toJSON }) as object;
function nest(levels: number): object {
  let value: object = { v: 1 };
  for (let i = 1; i < levels; i += 1) value = { n: value };
  return value;
}
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
const getterThatThrows = (): object =>
  Object.defineProperty({}, 'x', {
    enumerable: true,
    get(): never {
      throw new Error('boom');
    },
  });

const values: Array<[string, string, () => unknown]> = [
  ['toJSON returning undefined', 'not-json', () => withToJSON(() => undefined)],
  ['toJSON returning undefined inside an array', 'not-json', () => [withToJSON(() => undefined)]],
  ['toJSON returning a BigInt', 'not-json', () => withToJSON(() => 1n)],
  ['toJSON returning null', 'null', () => withToJSON(() => null)],
  ['toJSON returning 32 levels', 'too-deep', () => withToJSON(() => nest(32))],
  ['toJSON that throws', 'unreadable', () => withToJSON(() => { throw new Error('boom'); })],
  ['a getter that throws', 'unreadable', getterThatThrows],
  ['a revoked Proxy', 'unreadable', revokedProxy],
  ['a revoked Proxy in an array', 'unreadable', () => [1, revokedProxy()]],
  ['a sparse array', 'sparse-array', () => new Array<number>(3)],
  ['a hole in a nested array', 'sparse-array', () => ({ list: Object.assign([1, 2], { length: 3 }) })],
];

describe('values judged on the JSON that would be stored', () => {
  test.each(values)('%s -> QS_INVALID_VALUE rule %s, nothing queued', async (_name, rule, make) => {
    const { error, reached } = await refusal((s) => s.set('k', make()));
    expect(error).toMatchObject({ name: 'InvalidValueError', code: 'QS_INVALID_VALUE', rule });
    expect(reached).toEqual(NOTHING);
  });

  test.each(values)('%s inside setMany -> nothing of the call is queued', async (_name, rule, make) => {
    const { error, reached } = await refusal((s) => s.setMany([['fine', 1], ['k', make()]]));
    expect(error).toMatchObject({ code: 'QS_INVALID_VALUE', rule });
    expect(reached).toEqual(NOTHING);
  });
});

describe('messages report positions, never keys, property names or values', () => {
  test.each([
    ['a property name', () => ({ 'alice@example.com': { 'bob@example.com': 5n } }), '${0}{0}'],
    ['a string value next to the bad one', () => ({ note: 'alice@example.com', n: NaN }), '${1}'],
    ['an array position', () => [{ ok: 'alice@example.com' }, { bad: () => 1 }], '$[1]{0}'],
  ])('%s', async (_name, make, path) => {
    const { error } = await refusal((s) => s.set('k', make()));
    expect(error).toMatchObject({ code: 'QS_INVALID_VALUE', path });
    expect(JSON.stringify({ message: (error as Error).message, path: (error as { path: string }).path })).not.toMatch(/alice|bob|example|note|ok|bad/);
  });

  test('an invalid key is described by its length, not quoted', async () => {
    const { error } = await refusal((s) => s.set('alice@example.com', 1));
    expect(error).toMatchObject({ code: 'QS_INVALID_KEY', rule: 'pattern' });
    expect((error as Error).message).not.toMatch(/alice|example/);
  });
});

describe('collection arguments', () => {
  test.each([
    ["deleteMany('a:b')", (s: QueuedStorage) => s.deleteMany('a:b' as unknown as string[])],
    ['deleteMany(42)', (s: QueuedStorage) => s.deleteMany(42 as unknown as string[])],
    ["setMany('ab')", (s: QueuedStorage) => s.setMany('ab' as unknown as Record<string, unknown>)],
    ["batch().deleteMany('a:b')", async (s: QueuedStorage) => s.batch().deleteMany('a:b' as unknown as string[]).flush()],
  ])('%s -> TypeError, nothing queued', async (_name, call) => {
    const { error, reached } = await refusal(call);
    expect(error).toBeInstanceOf(TypeError);
    expect(reached).toEqual(NOTHING);
  });
});

describe('dead-letter arguments', () => {
  const ids: unknown[] = ['', 'a/b', 'has space', 'x'.repeat(201), 7, null];
  test.each([
    ['get', (id: unknown): Promise<unknown> => deadLetters({ queue: QUEUE }).get(id as string)],
    ['replay', (id: unknown): Promise<unknown> => deadLetters({ queue: QUEUE }).replay(id as string)],
    ['discard', (id: unknown): Promise<unknown> => deadLetters({ queue: QUEUE }).discard(id as string)],
  ])('%s with an invalid id -> QS_INVALID_ARGUMENT rule invalid-dead-letter-id', async (_name, call) => {
    const inst = install();
    for (const id of ids) {
      await expect(inst.run(() => call(id))).rejects.toMatchObject({ name: 'InvalidArgumentError', code: 'QS_INVALID_ARGUMENT', rule: 'invalid-dead-letter-id' });
    }
    expect(inst.metrics().kvsRequests).toBe(0);
  });

  test.each([[NaN], [0], [-1], [101], [2.5], [Infinity]])('list({ limit: %s }) -> QS_INVALID_ARGUMENT rule invalid-limit', async (limit) => {
    const inst = install();
    await expect(inst.run(() => deadLetters({ queue: QUEUE }).list({ limit }))).rejects.toMatchObject({ code: 'QS_INVALID_ARGUMENT', rule: 'invalid-limit' });
  });
});
