import { describe, expect, test } from 'vitest';
import { harness, type Write } from './harness.js';

const writes = (key: string): Write[] => [[key, { key }]];

/**
 * A trigger wrapped by `storage.trigger()` paces itself to the write units: when none is free it
 * books the next slot and returns an InvocationError timed to it, and on that retry it writes
 * directly. On the emulator with the real @forge/events and @forge/kvs clients.
 */
describe('trigger pacing (storage.trigger)', () => {
  test('write units spent: one 429 teaches the limit, later triggers come back at booked slots and write directly (no push)', async () => {
    const h = harness({ wrappedTrigger: true, emulator: { quotas: { kvsWriteUnitsPerMinute: 3 } } });
    const start = h.emu.now();
    for (let i = 0; i < 6; i++) h.fire(writes(`k${i}`), start + i * 100);
    await h.emu.runUntilIdle();

    expect(Object.keys(h.userEntries()).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    const m = h.inst.metrics();
    // The estimate starts at the published 4,000 units: the 4th write's 429 teaches it 3.
    expect(m).toMatchObject({ pushes: 0, rateLimited: 1, eventsDropped: 0 });
    const log = h.emu.inspect().log.filter((entry) => entry.kind === 'trigger');
    const retried = log.filter((entry) => entry.outcome === 'retry');
    expect(retried).toHaveLength(3);
    // Each came back once, after the first write units left the window (60 s), and wrote then.
    const seconds = log.filter((entry) => entry.attempt === 2).map((entry) => Math.round((entry.atMs - start) / 1000));
    expect(seconds).toHaveLength(3);
    for (const s of seconds) expect(s).toBeGreaterThanOrEqual(60);
    expect(log.filter((entry) => entry.attempt === 2).every((entry) => entry.outcome === 'ok')).toBe(true);
  });

  test('an unwrapped trigger in the same situation fails with PushQuotaSpentError only when the push quota is spent too', async () => {
    const h = harness({ emulator: { quotas: { kvsWriteUnitsPerMinute: 3 } } });
    const start = h.emu.now();
    for (let i = 0; i < 6; i++) h.fire(writes(`k${i}`), start + i * 100);
    await h.emu.runUntilIdle();
    // The general path pushes what it cannot write: the consumer applies it later.
    expect(Object.keys(h.userEntries()).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    expect(h.inst.metrics().pushes).toBeGreaterThan(0);
  });

  test('a retried older trigger settles its stale write without a KVS call (known versions)', async () => {
    const h = harness({ wrappedTrigger: true });
    const produce = (value: number, at: number) => h.withStorage(async (storage) => {
      const wrapped = storage.trigger(async () => storage.set('hot', value, { at }));
      return wrapped({}, {});
    });
    await produce(2, 2_000);
    const requests = h.inst.metrics().kvsRequests;
    // Wrapped by a second trigger() call of the same storage: the known versions are the instance's.
    await produce(1, 1_000);
    expect(h.inst.metrics().kvsRequests).toBe(requests);
    expect(h.userEntries()).toEqual({ hot: 2 });
  });
});
