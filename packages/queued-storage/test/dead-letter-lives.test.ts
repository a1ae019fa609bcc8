import { Queue } from '@forge/events';
import { describe, expect, test } from 'vitest';
import type { DeadLetter } from '../src/index.js';
import { harness, type Harness, type Write } from './harness.js';

/**
 * Issue 10, breakages 1 and 2: an acknowledged write is applied or dead-lettered, whatever the number
 * of deliveries and lives its failures are spread over. Emulator, real SDK clients.
 */
const HOUR = 3_600_000;

const records = (h: Harness): DeadLetter[] => h.deadLetterEntries().map(([, v]) => v as DeadLetter);
const deadKeys = (h: Harness): Set<string> => new Set(records(h).flatMap((d) => d.ops.map((op) => op.k)));

describe('permanent failures spread over deliveries', () => {
  test.each([1, 2, 3, 4, 5, 6])('seed %i: without the qs-version entity and with 5 percent KVS 5xx, every write ends as a dead letter', async (seed) => {
    const h = harness({ versionEntity: false, producer: { direct: false }, emulator: { seed, faults: { kvs5xxRate: 0.05 } } });
    const writes: Write[] = Array.from({ length: 36 }, (_, i) => [`k${i}`, { i }]);
    await h.produce(writes);
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    expect([...deadKeys(h)].sort()).toEqual(writes.map(([k]) => k).sort());
    expect(records(h).every((d) => d.reason === 'permanent')).toBe(true);
  });
});

/** A valid stamp (the consumer reads events from any producer, including older versions of this one). */
const STAMP = '0000000010000node0000';
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('operations the consumer cannot read', () => {
  const body = (id: string) => ({
    qs: 1,
    id,
    at: 0,
    ops: [
      { k: 'good', s: STAMP, v: 1 },
      { k: 'too-deep', s: STAMP, v: nested(40) },
      { k: 'bad/key', s: STAMP, v: 2 },
      { k: 'no-stamp', v: 3 },
    ],
  });

  test.each([
    ['a 3-hour 429 storm (re-drives)', 3 * HOUR],
    ['a 20-minute 429 storm (retries)', HOUR / 3],
  ])('travel with the event through %s until they are dead-lettered', async (_name, stormMs) => {
    const probe = harness();
    const t0 = probe.emu.now();
    probe.emu.dispose();
    const h = harness({ emulator: { delivery: { maxRetries: 4 }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + stormMs }] } } });
    await h.inst.run(() => new Queue({ key: 'storage-queue' }).push([{ body: body('evt-1') }]));
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    expect(h.userEntries()).toEqual({ good: 1 });
    const raw = records(h).map((d) => d.raw ?? '').join('\n');
    for (const key of ['too-deep', 'bad/key', 'no-stamp']) expect(raw).toContain(`"k":"${key}"`);
    expect(stormMs < HOUR || h.outcomes.some((o) => o.outcome === 'redrive')).toBe(true);
  });
});
