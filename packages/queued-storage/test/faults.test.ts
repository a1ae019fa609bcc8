import { describe, expect, test } from 'vitest';
import { createQueuedStorage } from '../src/index.js';
import { KVS_MAX_VALUE_BYTES } from '../src/limits.js';
import { harness } from './harness.js';

describe('producer faults on the emulator', () => {
  test('a push that partly fails re-pushes exactly the failed events; nothing is lost', async () => {
    const h = harness({ producer: { direct: false, maxOperationsPerEvent: 1 }, emulator: { seed: 11, faults: { pushPartialFailureRate: 0.5 } } });
    const writes = Array.from({ length: 40 }, (_, i): [string, unknown] => [`k${i}`, i]);
    const receipt = await h.produce(writes);
    expect(receipt.events).toBe(40);
    expect(receipt.pushes).toBeGreaterThan(1);
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual(Object.fromEntries(writes));
    expect(h.emu.metrics().eventsDelivered).toBe(40);
  });

  test('an oversized value is refused at the producer: nothing pushed, nothing written', async () => {
    const h = harness();
    const storage = createQueuedStorage();
    await expect(h.inst.run(() => storage.set('big', 'x'.repeat(KVS_MAX_VALUE_BYTES)))).rejects.toMatchObject({
      name: 'InvalidValueError',
      code: 'QS_INVALID_VALUE',
      rule: 'too-large',
    });
    expect(h.emu.metrics()).toMatchObject({ pushes: 0, kvsRequests: 0 });
  });

  test('a valid value too large for any event is written directly even when direct is off', async () => {
    const h = harness();
    const storage = createQueuedStorage({ direct: false });
    const value = 'y'.repeat(220 * 1024);
    const receipt = await h.inst.run(() => storage.set('large', value));
    expect(receipt).toMatchObject({ direct: 1, queued: 0, pushes: 0 });
    expect(h.inst.kvs.get('large')).toBe(value);
  });

  test('KVS server errors on whole batches are retried until every write lands (unordered batches)', async () => {
    const h = harness({ producer: { direct: false, ordered: false }, consumer: { ordered: false }, emulator: { seed: 4, faults: { kvs5xxRate: 0.5 } } });
    const writes = Array.from({ length: 120 }, (_, i): [string, unknown] => [`row:${i}`, { i }]);
    for (let i = 0; i < 120; i += 30) h.fire(writes.slice(i, i + 30));
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    expect(h.userEntries()).toEqual(Object.fromEntries(writes));
    expect(h.outcomes.some((o) => o.outcome === 'retry')).toBe(true);
    expect(h.deadLetterEntries()).toEqual([]);
  });
});

describe('bulk import', () => {
  test('500 triggers in 60 s (2 writes each): every write lands, far fewer pushes than writes', async () => {
    const probe = harness();
    const start = probe.emu.now();
    probe.emu.dispose();
    const h = harness({ emulator: { seed: 9 } });
    for (let i = 0; i < 500; i++) h.fire([[`issue:${i}`, { key: `ISSUE-${i}`, summary: 'x'.repeat(300) }], ['most-recent-issue-created', `ISSUE-${i}`]], start + i * 120);
    await h.emu.runUntilIdle();
    const m = h.emu.metrics();
    expect(m.eventsDropped).toBe(0);
    expect(Object.keys(h.userEntries())).toHaveLength(501);
    expect(h.userEntries()['most-recent-issue-created']).toBe('ISSUE-499');
    expect(m.eventsPushed).toBeLessThan(500);
  });
});

describe('job progress', () => {
  test('progress() sums the stats of the jobs a flush pushed', async () => {
    const h = harness({ producer: { direct: false, maxOperationsPerEvent: 5 } });
    const storage = createQueuedStorage({ direct: false, maxOperationsPerEvent: 5 });
    const receipt = await h.inst.run(() => storage.setMany(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, i]))));
    expect(receipt.events).toBe(4);
    const before = await h.inst.run(() => storage.progress(receipt));
    expect(before.success + before.inProgress).toBe(4);
    await h.emu.runUntilIdle();
    const after = await h.inst.run(() => storage.progress(receipt));
    expect(after).toMatchObject({ success: 4, inProgress: 0, failed: 0, done: true });
  });
});
