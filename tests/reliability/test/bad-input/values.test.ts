import { createQueuedStorage } from '@forge-queue/queued-storage';
import { describe, expect, test } from 'vitest';
import { QUEUE } from '../../src/run/library.js';
import { createWorld, rejectionOf } from '../support/world.js';

const MAX_VALUE_BYTES = 240 * 1024;
/** The library's depth limit (the KVS limits page says 31; its error table says 32). */
const MAX_DEPTH = 31;

/** A string whose JSON text is exactly `bytes` bytes long (two quote characters included). */
const jsonString = (bytes: number): string => 'x'.repeat(bytes - 2);
/** `levels` nested objects: nest(1) = { v: 1 }, nest(2) = { n: { v: 1 } }. */
function nest(levels: number): object {
  let value: object = { v: 1 };
  for (let i = 1; i < levels; i += 1) value = { n: value };
  return value;
}
function cyclic(): object {
  const a: Record<string, unknown> = { name: 'a' };
  a.self = a;
  return a;
}
function deepCycle(): object {
  const inner: Record<string, unknown> = {};
  const outer = { list: [1, { inner }] };
  inner.back = outer;
  return outer;
}

const rejected: Array<[string, () => unknown, string]> = [
  ['240 KiB + 1 byte', () => jsonString(MAX_VALUE_BYTES + 1), 'too-large'],
  ['an object 1 byte over 240 KiB', () => ({ s: jsonString(MAX_VALUE_BYTES + 1 - '{"s":}'.length) }), 'too-large'],
  [`depth ${MAX_DEPTH + 1}`, () => nest(MAX_DEPTH + 1), 'too-deep'],
  ['null', () => null, 'null'],
  ['undefined', () => undefined, 'undefined'],
  ['a function', () => () => 1, 'not-json'],
  ['a nested function', () => ({ f: () => 1 }), 'not-json'],
  ['NaN', () => NaN, 'not-json'],
  ['nested NaN', () => ({ n: [1, NaN] }), 'not-json'],
  ['Infinity', () => Infinity, 'not-json'],
  ['-Infinity nested', () => ({ x: -Infinity }), 'not-json'],
  ['a BigInt', () => 10n, 'not-json'],
  ['a nested BigInt', () => ({ id: 2n ** 70n }), 'not-json'],
  ['a symbol', () => Symbol('s'), 'not-json'],
  ['a cyclic object', cyclic, 'cycle'],
  ['a cycle through an array', deepCycle, 'cycle'],
  ['a Map', () => new Map([['a', 1]]), 'not-json'],
  ['a Set', () => new Set([1]), 'not-json'],
  ['undefined inside an array', () => [1, undefined], 'not-json'],
  ['an invalid Date', () => new Date(NaN), 'not-json'],
];

const accepted: Array<[string, () => unknown]> = [
  ['exactly 240 KiB (too big for one push: written directly)', () => jsonString(MAX_VALUE_BYTES)],
  [`depth ${MAX_DEPTH}`, () => nest(MAX_DEPTH)],
  ['false', () => false],
  ['0', () => 0],
  ['an empty string', () => ''],
  ['an empty object', () => ({})],
  ['nested null', () => ({ a: null })],
  ['unicode text', () => ({ t: 'héllo ✓ 🙂' })],
];

describe('values the producer rejects with QS_INVALID_VALUE before queueing anything', () => {
  test.each(rejected)('%s', async (_name, make, rule) => {
    const world = createWorld();
    const error = await rejectionOf(world.produce(() => createQueuedStorage({ queue: QUEUE }).set('k', make())));
    expect(error).toMatchObject({ name: 'InvalidValueError', code: 'QS_INVALID_VALUE', rule });
    expect(world.installation.metrics().eventsPushed).toBe(0);
    expect(world.installation.metrics().kvsRequests).toBe(0);
  });

  test.each(rejected)('%s inside a batch rejects the whole flush', async (_name, make) => {
    const world = createWorld();
    const error = await rejectionOf(
      world.produce(() => {
        const batch = createQueuedStorage({ queue: QUEUE }).batch();
        batch.set('fine', 1);
        batch.set('k', make());
        return batch.flush();
      }),
    );
    expect(error).toMatchObject({ code: 'QS_INVALID_VALUE' });
    await world.drain();
    expect(world.installation.kvs.get('fine')).toBeUndefined();
  });
});

describe('values at the limit are accepted and land unchanged', () => {
  test.each(accepted)('%s', async (_name, make) => {
    const world = createWorld();
    const value = make();
    await world.produce(() => createQueuedStorage({ queue: QUEUE }).set('k', value));
    await world.drain();
    expect(world.installation.kvs.get('k')).toEqual(value);
  });
});

describe('TTL options', () => {
  test.each([
    ['zero', { value: 0, unit: 'SECONDS' }],
    ['negative', { value: -1, unit: 'MINUTES' }],
    ['fractional', { value: 1.5, unit: 'HOURS' }],
    ['over a year', { value: 367, unit: 'DAYS' }],
    ['unknown unit', { value: 1, unit: 'WEEKS' }],
    ['not an object', 60],
  ])('%s is rejected with rule invalid-ttl', async (_name, ttl) => {
    const world = createWorld();
    const error = await rejectionOf(
      world.produce(() => createQueuedStorage({ queue: QUEUE }).set('k', 1, { ttl } as never)),
    );
    expect(error).toMatchObject({ code: 'QS_INVALID_VALUE', rule: 'invalid-ttl' });
  });
});
