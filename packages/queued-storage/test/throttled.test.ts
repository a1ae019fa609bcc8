import { describe, expect, test } from 'vitest';
import { harness, type Write } from './harness.js';

const MINUTE = 60_000;

/**
 * The consumer's last-resort path: KVS answers 429 for 40 minutes (far past the platform's retry
 * cap) while the push quota (10 events/min) is shared by the producer and every re-drive.
 */
describe('long 429 storm with the push quota contended', () => {
  test.each([3, 7])('seed %i: no consumer event is dropped; every write is applied or dead-lettered', async (seed) => {
    const probe = harness();
    const t0 = probe.emu.now();
    probe.emu.dispose();
    const h = harness({
      producer: { direct: false, maxOperationsPerEvent: 1 },
      emulator: { seed, quotas: { pushEventsPerMinute: 10 }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 40 * MINUTE }] } },
    });
    const writes: Write[] = [];
    for (let minute = 0; minute < 6; minute++) {
      const batch = Array.from({ length: 8 }, (_, i): Write => [`k${minute}-${i}`, { minute, i }]);
      writes.push(...batch);
      await h.produce(batch);
      await h.emu.advance(MINUTE);
    }
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    expect(h.outcomes.some((o) => o.outcome === 'redrive')).toBe(true);
    const applied = h.userEntries();
    const deadKeys = new Set(h.deadLetterEntries().flatMap(([, r]) => (r as { ops: Array<{ k: string }> }).ops.map((op) => op.k)));
    const notSettled = writes.filter(([k, v]) => !deadKeys.has(k) && JSON.stringify(applied[k]) !== JSON.stringify(v));
    expect(notSettled).toEqual([]);
  });
});
