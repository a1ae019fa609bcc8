import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { Queue, RateLimitError } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { InvocationRateLimitError, quotaUnits } from '../src/index.js';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const setup = (quotas = {}) => {
  const emu = make({ quotas });
  const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } });
  return { emu, inst: emu.install(app) };
};

describe('per-installation quotas', () => {
  it.each([
    [1, 1],
    [10 * 1024, 1],
    [10 * 1024 + 1, 2],
    [100 * 1024, 10],
  ])('%i bytes cost %i unit(s)', (bytes, units) => {
    expect(quotaUnits(bytes)).toBe(units);
  });

  it('charges ten single 1 KB writes ten units and one batch of them one unit', async () => {
    const { inst } = setup();
    const v = 'x'.repeat(1000);
    await inst.run(async () => {
      for (let i = 0; i < 10; i++) await kvs.set(`s${i}`, v);
    });
    expect(inst.metrics().kvsWriteUnits).toBe(10);
    await inst.run(() => kvs.batchSet(Array.from({ length: 10 }, (_, i) => ({ key: `b${i}`, value: v }))));
    expect(inst.metrics().kvsWriteUnits).toBe(11);
  });

  it('answers 429 RATE_LIMIT_EXCEEDED past kvsRequestsPerSecond, and recovers in the next second', async () => {
    const { inst, emu } = setup({ kvsRequestsPerSecond: 3 });
    const results = await inst.run(async () => {
      const out: string[] = [];
      for (let i = 0; i < 4; i++) out.push(await kvs.get('k').then(() => 'ok', (e: unknown) => (e as ForgeKvsAPIError).code));
      return out;
    });
    expect(results).toEqual(['ok', 'ok', 'ok', 'RATE_LIMIT_EXCEEDED']);
    expect(inst.metrics().rateLimited).toBe(1);
    await emu.advance(1000);
    await inst.run(() => kvs.get('k'));
  });

  it('limits write units per minute', async () => {
    const { inst, emu } = setup({ kvsWriteUnitsPerMinute: 5 });
    const big = 'x'.repeat(30 * 1024); // 3 units each
    await inst.run(() => kvs.set('a', big));
    const err = await caught(() => inst.run(() => kvs.set('b', big)));
    expect(err).toBeInstanceOf(ForgeKvsAPIError);
    expect(err.code).toBe('RATE_LIMIT_EXCEEDED');
    await emu.advance(60_000);
    await inst.run(() => kvs.set('b', big));
    expect(inst.kvs.get('b')).toBe(big);
  });

  it('limits read units per minute', async () => {
    const { inst } = setup({ kvsReadUnitsPerMinute: 2 });
    inst.kvs.set('r', 'x'.repeat(15 * 1024));
    await inst.run(() => kvs.get('r'));
    expect((await caught(() => inst.run(() => kvs.get('r')))).code).toBe('RATE_LIMIT_EXCEEDED');
  });

  it('limits bytes written per key per second', async () => {
    const { inst } = setup({ kvsKeyWriteBytesPerSecond: 50_000 });
    const v = 'x'.repeat(30_000);
    await inst.run(() => kvs.set('hot', v));
    expect((await caught(() => inst.run(() => kvs.set('hot', v)))).code).toBe('RATE_LIMIT_EXCEEDED');
    await inst.run(() => kvs.set('cold', v));
  });

  it('answers transactions over quota with TOO_MANY_REQUESTS', async () => {
    const { inst } = setup({ kvsRequestsPerSecond: 1 });
    await inst.run(() => kvs.set('a', 1));
    const err = await caught(() => inst.run(() => kvs.transact().set('b', 1).execute()));
    expect(err.code).toBe('TOO_MANY_REQUESTS');
  });

  it('rejects pushes past pushEventsPerMinute with RateLimitError', async () => {
    const { inst, emu } = setup();
    const queue = new Queue({ key: 'q' });
    const events = Array.from({ length: 50 }, (_, i) => ({ body: { i } }));
    await inst.run(async () => {
      for (let i = 0; i < 10; i++) await queue.push(events);
    });
    const err = await caught(() => inst.run(() => queue.push({ body: {} })));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(inst.metrics().eventsPushed).toBe(500);
    await emu.advance(60_000);
    await inst.run(() => queue.push({ body: {} }));
  });

  it('limits invocations per minute', async () => {
    const { inst } = setup({ invocationsPerMinute: 2 });
    await inst.run(() => 1);
    await inst.run(() => 2);
    expect(await caught(() => inst.run(() => 3))).toBeInstanceOf(InvocationRateLimitError);
  });

  it('counts 429s by call kind (KVS endpoint, push, invocation)', async () => {
    const { inst, emu } = setup({ kvsWriteUnitsPerMinute: 1, kvsBatchOperationsPerMinute: 1, pushEventsPerMinute: 1, invocationsPerMinute: 4 });
    const queue = new Queue({ key: 'q' });
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof RateLimitError ? 'RateLimitError' : (e as ForgeKvsAPIError).code));
    const results = await inst.run(async () => [
      await code(kvs.set('a', 1)),
      await code(kvs.set('b', 1)),
      await code(kvs.delete('a')),
      await code(kvs.batchGet([{ key: 'a' }])),
      await code(kvs.batchGet([{ key: 'a' }])),
      await code(queue.push({ body: {} })),
      await code(queue.push({ body: {} })),
    ]);
    expect(results).toEqual(['ok', 'RATE_LIMIT_EXCEEDED', 'RATE_LIMIT_EXCEEDED', 'ok', 'RATE_LIMIT_EXCEEDED', 'ok', 'RateLimitError']);
    await inst.run(() => undefined);
    await inst.run(() => undefined);
    expect(await caught(() => inst.run(() => undefined))).toBeInstanceOf(InvocationRateLimitError);
    expect(inst.metrics().rateLimitedByCall).toEqual({ set: 1, delete: 1, batchGet: 1, push: 1, invocation: 1 });
    expect(inst.metrics().rateLimited).toBe(5);
    expect(emu.metrics().rateLimitedByCall).toEqual({ set: 1, delete: 1, batchGet: 1, push: 1, invocation: 1 });
  });
});
