import { createQueuedStorage } from '@forge-queue/queued-storage';
import { describe, expect, test } from 'vitest';
import { QUEUE } from '../../src/run/library.js';
import { createWorld, rejectionOf } from '../support/world.js';

/** The library reserves a 5-character prefix (`__qs:`) for its own keys, so user keys stop at 495. */
const LIBRARY_MAX_KEY = 495;

const rejected: Array<[string, unknown]> = [
  ['one past the library limit (496)', 'k'.repeat(LIBRARY_MAX_KEY + 1)],
  ['at the KVS limit (500), over the library limit', 'k'.repeat(500)],
  ['past the KVS limit (501)', 'k'.repeat(501)],
  ['empty', ''],
  ['whitespace only', '   '],
  ['a tab only', '\t'],
  ['slash (outside the pattern)', 'a/b'],
  ['non-ASCII letter', 'clé'],
  ['NUL character', 'a\u0000b'],
  ['emoji', 'key-🙂'],
  ['the reserved prefix', '__qs:mine'],
  ['a number', 42],
  ['undefined', undefined],
  ['an object', { key: 'a' }],
];

const accepted: Array<[string, string]> = [
  ['at the library limit (495)', 'k'.repeat(LIBRARY_MAX_KEY)],
  ['every allowed character class', 'aZ09:._-# x'],
  ['one character', 'a'],
  ['inner whitespace', 'a b\tc'],
];

describe('keys the producer rejects with QS_INVALID_KEY before queueing anything', () => {
  test.each(rejected)('%s', async (_name, key) => {
    const world = createWorld();
    const error = await rejectionOf(
      world.produce(() => createQueuedStorage({ queue: QUEUE }).set(key as string, { ok: 1 })),
    );
    expect(error).toMatchObject({ name: 'InvalidKeyError', code: 'QS_INVALID_KEY' });
    expect(world.installation.metrics().eventsPushed).toBe(0);
    expect(world.installation.metrics().kvsRequests).toBe(0);
  });

  test.each(rejected)('%s (delete)', async (_name, key) => {
    const world = createWorld();
    const error = await rejectionOf(world.produce(() => createQueuedStorage({ queue: QUEUE }).delete(key as string)));
    expect(error).toMatchObject({ code: 'QS_INVALID_KEY' });
    expect(world.installation.metrics().eventsPushed).toBe(0);
  });
});

describe('keys at the limit are accepted and land', () => {
  test.each(accepted)('%s', async (_name, key) => {
    const world = createWorld();
    await world.produce(() => createQueuedStorage({ queue: QUEUE }).set(key, { ok: key.length }));
    await world.drain();
    expect(world.installation.kvs.get(key)).toEqual({ ok: key.length });
  });
});

test('one bad key in setMany rejects the whole call and queues nothing', async () => {
  const world = createWorld();
  const error = await rejectionOf(
    world.produce(() => createQueuedStorage({ queue: QUEUE }).setMany([['good', 1], ['bad/key', 2]])),
  );
  expect(error).toMatchObject({ code: 'QS_INVALID_KEY' });
  await world.drain();
  expect(world.installation.kvs.get('good')).toBeUndefined();
  expect(world.installation.metrics().eventsPushed).toBe(0);
});
