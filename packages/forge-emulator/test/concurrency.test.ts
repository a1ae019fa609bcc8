import { Queue } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { CONCURRENCY_BACKOFF_CAP_MS, concurrencyBackoffMs } from '../src/delivery/backoff.js';
import type { EmulatorOptions } from '../src/index.js';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();

interface Seen { at: number; delayInSeconds?: number; concurrency?: object; retried: boolean }

/** Pushes `n` one-second events on one concurrency key with `limit`; returns when and what each consumer call saw. */
async function run(n: number, limit: number, options: EmulatorOptions = {}): Promise<{ seen: Seen[]; retries: number }> {
  const emu = make(options);
  const seen: Seen[] = [];
  const consume = async (e: { delayInSeconds?: number; concurrency?: object; retryContext?: object }) => {
    seen.push({ at: Date.now(), ...(e.delayInSeconds === undefined ? {} : { delayInSeconds: e.delayInSeconds }), ...(e.concurrency === undefined ? {} : { concurrency: e.concurrency }), retried: e.retryContext !== undefined });
    await new Promise((r) => setTimeout(r, 1000));
  };
  const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: consume } } }));
  await inst.run(() => new Queue({ key: 'q' }).push(Array.from({ length: n }, () => ({ body: {}, delayInSeconds: 2, concurrency: { key: 'k', limit } }))));
  await emu.runUntilIdle();
  const retries = inst.metrics().retries;
  emu.dispose();
  return { seen, retries };
}

describe('concurrency keys', () => {
  it.each([
    [1, 0, 4000], [1, 0.999, 7996], [2, 0, 8000], [3, 0.5, 24000], [20, 0, CONCURRENCY_BACKOFF_CAP_MS], [20, 0.9, CONCURRENCY_BACKOFF_CAP_MS],
  ])('held retry %i with random %f waits %i ms (4 s doubling, jitter x1..x2, at most 15 min)', (k, r, ms) => {
    expect(concurrencyBackoffMs(k, () => r)).toBe(ms);
  });

  it('holds events over the limit and tries them again after 4-16 s gaps, invisibly to the app', async () => {
    const { seen, retries } = await run(5, 1);
    expect(seen).toHaveLength(5);
    const starts = seen.map((s) => s.at - (seen[0]?.at ?? 0));
    expect(starts[0]).toBe(0);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(starts[1]).toBeGreaterThanOrEqual(4000);
    expect(seen.every((s) => !s.retried)).toBe(true);
    expect(retries).toBe(0);
  });

  it('is a function of the seed', async () => {
    const a = await run(4, 1, { seed: 7 });
    const b = await run(4, 1, { seed: 7 });
    const c = await run(4, 1, { seed: 8 });
    expect(b.seen.map((s) => s.at)).toEqual(a.seen.map((s) => s.at));
    expect(c.seen.map((s) => s.at)).not.toEqual(a.seen.map((s) => s.at));
  });

  it('hands the consumer the push\'s own delayInSeconds and concurrency (AsyncEvent extends PushEvent)', async () => {
    const { seen } = await run(1, 3);
    expect(seen[0]).toMatchObject({ delayInSeconds: 2, concurrency: { key: 'k', limit: 3 } });
  });
});
