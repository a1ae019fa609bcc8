import { describe, expect, test } from 'vitest';
import { harness, type Write } from './harness.js';

/** Each product event writes one group of two keys (`a<i>`, `b<i>`). */
const writes = (i: number): Write[] => [
  [`a${i}`, { i }],
  [`b${i}`, { i }],
];

/**
 * 60 groups of several keys within 30 s, unordered mode, on the emulator with the real @forge/kvs
 * client and Forge's 45 batch operations a minute per installation (the emulator's default).
 * Each group is one batchSet while the batch-operations budget allows, then one transaction
 * (transactions do not count against it): no batch call is refused and every write is applied.
 */
async function run(direct: boolean) {
  const h = harness({ producer: { ordered: false, direct }, consumer: { ordered: false }, versionEntity: false });
  const start = h.emu.now();
  for (let i = 0; i < 60; i++) h.fire(writes(i), start + i * 500);
  await h.emu.runUntilIdle();
  return { h, start };
}

const expected: Record<string, unknown> = Object.fromEntries(Array.from({ length: 60 }, (_, i): Array<[string, unknown]> => [[`a${i}`, { i }], [`b${i}`, { i }]]).flat());

describe('unordered mode chooses batch or transaction by the batch operations budget', () => {
  test.each([
    ['queued (the consumer writes)', false],
    ['direct (the producer writes)', true],
  ])('%s: more than 45 groups in a minute, no batch call refused, every write applied', async (_, direct) => {
    const { h, start } = await run(direct);
    // More than 45 groups were written within the first minute (each by its own invocation).
    const writer = direct ? 'trigger' : 'consumer';
    expect(h.emu.inspect().log.filter((e) => e.kind === writer && e.outcome === 'ok' && e.atMs < start + 60_000).length).toBeGreaterThan(45);
    expect(h.userEntries()).toEqual(expected);
    expect(h.inst.metrics().rateLimitedByCall).toEqual({});
    expect(h.inst.metrics().rateLimited).toBe(0);
  });
});
