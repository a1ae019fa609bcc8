import { describe, expect, test } from 'vitest';
import { harness, type HarnessOptions } from './harness.js';

const MIN = 60_000;

async function t0(): Promise<number> {
  const probe = harness();
  const now = probe.emu.now();
  probe.emu.dispose();
  return Promise.resolve(now);
}

/**
 * 40 triggers, 15 s apart, each writing `hot` = its index and its own key. KVS throttles everything
 * for the first 5 minutes, so the early writes are queued and retried (jittered, duplicated,
 * reordered, concurrent) while later triggers write directly.
 */
async function run(start: number, options: HarnessOptions) {
  const h = harness({
    ...options,
    emulator: { seed: 7, faults: { kvs429Storms: [{ fromMs: start, toMs: start + 5 * MIN }], duplicateRate: 0.3, reorder: true }, delivery: { concurrency: 16 }, ...options.emulator },
  });
  for (let i = 0; i < 40; i++) h.fire([['hot', i], [`item:${i}`, { i }]], start + i * 15_000);
  await h.emu.runUntilIdle();
  return h;
}

describe('ordered mode: no stale overwrite', () => {
  test('under retries, duplicates, reordering and concurrent consumers the last producer write wins', async () => {
    const h = await run(await t0(), {});
    expect(h.emu.inspect().dropped).toEqual([]);
    expect(h.userEntries().hot).toBe(39);
    expect(Object.keys(h.userEntries())).toHaveLength(41);
    expect(h.outcomes.some((o) => o.stale > 0)).toBe(true);
  });

  test('the same run without ordered mode can end stale (the mechanism matters)', async () => {
    // Short rate-limit backoff: retried old writes keep landing while the newer direct writes do.
    const h = await run(await t0(), { producer: { ordered: false }, consumer: { ordered: false, rateLimitBackoff: { strategy: 'full', baseMs: 5_000 } } });
    expect(Object.keys(h.userEntries())).toHaveLength(41);
    expect(h.userEntries().hot).not.toBe(39);
  });

  test('a duplicate delivery costs no extra write (and, on the instance that handled it, no call)', async () => {
    const start = await t0();
    // Every delivery is delivered once more. The consumer instance that handled the original
    // acknowledges the copy without a call (consumer/lives.ts); another instance would read the
    // version records and find every operation stale (src/consumer/consumer.test.ts).
    const h = harness({ producer: { direct: false }, emulator: { seed: 3, faults: { duplicateRate: 1 } } });
    for (let i = 0; i < 30; i++) h.fire([[`k${i}`, i], ['last', i]], start + i * 6000);
    await h.emu.runUntilIdle();
    expect(h.userEntries().last).toBe(29);
    const seen = new Set<string>();
    const duplicates = h.outcomes.filter((o) => {
      const again = seen.has(o.batchId ?? '');
      seen.add(o.batchId ?? '');
      return again;
    });
    expect(duplicates.length).toBeGreaterThanOrEqual(30);
    expect(duplicates.map((o) => [o.writes, o.reads, o.duplicate])).toEqual(duplicates.map(() => [0, 0, 'settled']));
  });
});
