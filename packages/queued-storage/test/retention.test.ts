import { expect, test } from 'vitest';
import { harness, type Write } from './harness.js';

const MINUTE = 60_000;

/**
 * Gap G1 (retention form, found by tests/reliability, seed 20261128): a 429 storm outlasting a
 * 10-minute retention window. Re-driven events carry no retryContext on their first delivery, so the
 * consumer assumed a 24 h window and asked for a 12-minute retry: the platform dropped the event.
 * The consumer now learns the window from retries it has seen.
 */
test.each([1, 2, 3])('seed %i: a storm longer than a 10-minute retention window drops no event', async (seed) => {
  const probe = harness();
  const t0 = probe.emu.now();
  probe.emu.dispose();
  const h = harness({
    emulator: { seed, delivery: { retentionMs: 10 * MINUTE }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 11 * MINUTE }] } },
  });
  const writes: Write[] = [];
  for (let step = 0; step < 4; step++) {
    const batch = Array.from({ length: 3 }, (_, i): Write => [`k${step}-${i}`, { step, i }]);
    writes.push(...batch);
    await h.produce(batch);
    await h.emu.advance(MINUTE);
  }
  await h.emu.runUntilIdle();
  expect(h.emu.inspect().dropped).toEqual([]);
  const applied = h.userEntries();
  const deadKeys = new Set(h.deadLetterEntries().flatMap(([, r]) => (r as { ops: Array<{ k: string }> }).ops.map((op) => op.k)));
  expect(writes.filter(([k, v]) => !deadKeys.has(k) && JSON.stringify(applied[k]) !== JSON.stringify(v))).toEqual([]);
});
