import { expect, test } from 'vitest';
import { createConsumer, type ConsumerHandler } from '../src/index.js';
import { harness, type Write } from './harness.js';

const MINUTE = 60_000;

/**
 * G1 of RELIABILITY.md (seed 40000068): a short retention window, a storm, no retry cap, and a crash
 * on the delivery the library kept for its re-drive. After a crash the platform picks its own delay
 * (up to ~15 min); the consumer must re-drive while the time left still covers a timeout plus that
 * delay. Emulator, real SDK clients; the crash is thrown by the consumer function on chosen deliveries.
 * Every retry keeps room for `reserveRetries` (2) crashed deliveries in a row (soak seeds 20272642,
 * 160014019), one while the push quota refuses re-drives (push-refusals.ts).
 */
const crashOn = (retryCounts: readonly number[]) => (handler: ConsumerHandler): ConsumerHandler => async (event, context) => {
  const rc = (event as { retryContext?: { retryCount?: number } }).retryContext;
  if (retryCounts.includes(rc?.retryCount ?? 0)) throw new Error('injected crash');
  return handler(event, context);
};

test.each([
  [1, [3]],
  [2, [3]],
  [3, [2]],
  [4, [1]],
  [5, [4]],
  [6, [1, 2]],
  [7, [2, 3]],
  [8, [3, 4]],
])('seed %i: crashes on retries %j in a 10-minute window lose no write', async (seed, crashes) => {
  const probe = harness();
  const t0 = probe.emu.now();
  probe.emu.dispose();
  const h = harness({
    emulator: { seed, delivery: { maxRetries: 1000, retentionMs: 10 * MINUTE }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 18 * MINUTE }] } },
    consumer: { maxRetries: 1000 },
    producer: { direct: false },
    wrapConsumer: crashOn(crashes),
  });
  const writes: Write[] = Array.from({ length: 3 }, (_, i) => [`k${i}`, { i }]);
  await h.produce(writes);
  await h.emu.runUntilIdle();
  expect(h.emu.inspect().dropped).toEqual([]);
  const deadKeys = new Set(h.deadLetterEntries().flatMap(([, r]) => (r as { ops: Array<{ k: string }> }).ops.map((op) => op.k)));
  expect(writes.filter(([k, v]) => !deadKeys.has(k) && JSON.stringify(h.userEntries()[k]) !== JSON.stringify(v))).toEqual([]);
});

test('a cold consumer instance reads the window of a re-driven event from the event itself', async () => {
  const probe = harness();
  const t0 = probe.emu.now();
  probe.emu.dispose();
  // Every delivery runs on a fresh consumer instance (nothing learned), in a 10-minute window.
  const h = harness({
    emulator: { seed: 7, delivery: { maxRetries: 1000, retentionMs: 10 * MINUTE }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 25 * MINUTE }] } },
    consumer: { maxRetries: 1000 },
    producer: { direct: false },
    wrapConsumer: () => (event, context) => createConsumer({ log: false, maxRetries: 1000 })(event, context),
  });
  await h.produce([['k', 1]]);
  await h.emu.runUntilIdle();
  expect(h.emu.inspect().dropped).toEqual([]);
  expect(h.userEntries()).toEqual({ k: 1 });
});

test('duplicate deliveries of re-driven lives do not fork the event (soak seed 130001388: 1,061 invocations instead of about 50)', async () => {
  const probe = harness();
  const t0 = probe.emu.now();
  probe.emu.dispose();
  const run = async (duplicateRate: number) => {
    const h = harness({
      emulator: { seed: 3, delivery: { maxRetries: 1000, retentionMs: 10 * MINUTE }, faults: { duplicateRate, kvs429Storms: [{ fromMs: t0, toMs: t0 + 22 * MINUTE }] } },
      consumer: { maxRetries: 1000 },
      producer: { direct: false },
    });
    await h.produce([['k', 1]]);
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    expect(h.userEntries()).toEqual({ k: 1 });
    const figures = { invocations: h.emu.metrics().invocations, redrives: h.outcomes.filter((o) => o.outcome === 'redrive').length, duplicates: h.outcomes.filter((o) => o.duplicate !== undefined).length };
    h.emu.dispose();
    return figures;
  };
  const single = await run(0);
  const doubled = await run(0.5);
  // Each duplicate costs its own invocation and nothing more: no second successor, no copies of copies.
  expect(doubled.duplicates).toBeGreaterThan(0);
  expect(doubled.redrives).toBeLessThanOrEqual(single.redrives + 1);
  expect(doubled.invocations).toBeLessThanOrEqual(2 * single.invocations);
});
