import { describe, expect, test } from 'vitest';
import { createQueuedStorage, type QueuedStorageOptions } from '../src/index.js';
import { harness } from './harness.js';

/**
 * One hybrid logical clock per producer (issue 10, breakage 4): every stamp a producer issues without
 * `at` is greater than the last one it issued and than every version it observed; a stamp with `at`
 * is ordered by `at` (issue 14: a retried older trigger in the same warm runtime must not win).
 * Emulator, real SDK clients.
 */
describe.each([
  ['direct path', {}],
  ['queue path', { direct: false }],
] as Array<[string, QueuedStorageOptions]>)('producer order (%s)', (_name, producer) => {
  test('set(k, A, { at: now }) then set(k, B): B is the final value', async () => {
    const h = harness({ producer });
    await h.withStorage(async (s) => {
      await s.set('k', 'A', { at: Date.now() });
      await s.set('k', 'B');
    });
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ k: 'B' });
  });

  test('set(k, A) then set(k, B, { at: now }) then delete(k): deleted', async () => {
    const h = harness({ producer });
    await h.withStorage(async (s) => {
      await s.set('k', 'A');
      await s.set('k', 'B', { at: Date.now() });
      await s.delete('k');
    });
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({});
  });

  test('one batch mixing explicit and implicit stamps keeps call order', async () => {
    const h = harness({ producer });
    await h.withStorage((s) => s.batch().set('k', 'A', { at: Date.now() }).set('k', 'B').set('j', 'X').set('j', 'Y', { at: new Date() }).flush());
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ k: 'B', j: 'Y' });
  });

  test('an older `at` issued later by the same producer loses (a retried trigger in a warm runtime)', async () => {
    const h = harness({ producer });
    await h.withStorage(async (s) => {
      await s.set('k', 'event 2', { at: 2_000 });
      await s.set('k', 'event 1, written later', { at: 1_000 });
    });
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ k: 'event 2' });
  });

  test('across producers, `at` orders writes: an older `at` does not replace a newer one', async () => {
    const h = harness({ producer });
    await h.inst.run(() => createQueuedStorage(producer).set('k', 'event 2', { at: 2_000 }));
    await h.emu.runUntilIdle();
    await h.inst.run(() => createQueuedStorage(producer).set('k', 'event 1 (retried later)', { at: 1_000 }));
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ k: 'event 2' });
  });
});

test('a refused condition is observed: the producer\'s next write wins over the version it saw', async () => {
  const h = harness();
  // Another producer wrote with a stamp an hour ahead (a clock running fast, or an `at` in the future).
  await h.inst.run(() => createQueuedStorage().set('k', 'ahead', { at: Date.now() + 3_600_000 }));
  const s = createQueuedStorage();
  const first = await h.inst.run(() => s.set('k', 'refused'));
  expect(first).toMatchObject({ direct: 1, queued: 0 }); // settled as stale: a newer version is stored
  expect(h.userEntries()).toEqual({ k: 'ahead' });
  await h.inst.run(() => s.set('k', 'after seeing it'));
  await h.emu.runUntilIdle();
  expect(h.userEntries()).toEqual({ k: 'after seeing it' });
});
