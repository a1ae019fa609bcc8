import { describe, expect, test } from 'vitest';
import { createConsumer, createPaceRegistry, createQueuedStorage, type PaceRegistry } from '../src/index.js';
import { seededRandom } from '../src/testing.js';
import { harness, type Write } from './harness.js';

const writes = (key: string): Write[] => [[key, { key }]];

/**
 * Four wrapped triggers meet an installation allowing 3 write units a minute: the fourth's 429
 * teaches the runtime's producer that the window is spent. A write queued within that window (by
 * another producer instance, on its own estimates) then reaches the consumer of the same runtime.
 * On the emulator with the real @forge/kvs and @forge/events clients.
 */
async function run(shared: boolean) {
  const pacing = shared ? createPaceRegistry() : undefined;
  const h = harness({
    wrappedTrigger: true,
    emulator: { quotas: { kvsWriteUnitsPerMinute: 3 } },
    ...(pacing === undefined ? {} : { producer: { pacing }, consumer: { pacing } }),
  });
  const start = h.emu.now();
  for (let i = 0; i < 4; i++) h.fire(writes(`t${i}`), start + i * 100);
  await h.emu.advance(2_000);
  const taught = h.inst.metrics().rateLimited;
  await h.inst.run(() => createQueuedStorage({ direct: false, random: seededRandom(9) }).set('queued', 1));
  await h.emu.runUntilIdle();
  return { h, taught, start };
}

describe('one pace registry shared by the producer and the consumer of a runtime (createPaceRegistry)', () => {
  test("the trigger's 429 makes the consumer wait for the window instead of probing it", async () => {
    const { h, taught, start } = await run(true);
    expect(taught).toBe(1);
    expect(h.userEntries()).toEqual({ t0: { key: 't0' }, t1: { key: 't1' }, t2: { key: 't2' }, t3: { key: 't3' }, queued: 1 });
    // No write call of the consumer met the spent window: the only 429 is the one that taught it.
    expect(h.inst.metrics().rateLimited).toBe(1);
    const first = h.outcomes[0];
    expect(first).toMatchObject({ outcome: 'retry', writes: 0 });
    const applied = h.outcomes.find((o) => o.applied > 0);
    expect(applied).toBeDefined();
    expect(h.emu.inspect().log.find((e) => e.kind === 'consumer' && e.outcome === 'ok')?.atMs ?? 0).toBeGreaterThanOrEqual(start + 60_000);
  });

  test('without it the consumer, on its own estimate, probes the spent window and is refused', async () => {
    const { h, taught } = await run(false);
    expect(taught).toBe(1);
    expect(h.userEntries()).toMatchObject({ queued: 1 });
    expect(h.inst.metrics().rateLimited).toBeGreaterThan(1);
    expect(h.outcomes[0]?.writes).toBeGreaterThan(0);
  });

  test('the option takes only a registry from createPaceRegistry() (a TypeError naming the rule)', () => {
    const notOne = { pacerFor: () => undefined } as unknown as PaceRegistry;
    expect(() => createQueuedStorage({ pacing: notOne })).toThrow(/option pacing must be a registry made by createPaceRegistry\(\)/);
    expect(() => createConsumer({ pacing: notOne })).toThrow(TypeError);
    expect(() => createConsumer({ pacing: createPaceRegistry() })).not.toThrow();
  });
});
