import { InternalServerError, Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '../src/index.js';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const setup = (options: Parameters<ReturnType<typeof useEmulator>>[0] = {}, consume: (e: { body: { i: number } }) => unknown = () => undefined) => {
  const emu = make(options);
  const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: consume } } });
  return { emu, inst: emu.install(app) };
};

describe('seeded faults', () => {
  it('answers every KVS request with 429 during a storm window only', async () => {
    const { emu, inst } = setup({ faults: { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS, toMs: VIRTUAL_EPOCH_MS + 10_000 }] } });
    expect((await caught(() => inst.run(() => kvs.set('a', 1)))).code).toBe('RATE_LIMIT_EXCEEDED');
    expect((await caught(() => inst.run(() => kvs.transact().set('a', 1).execute()))).code).toBe('TOO_MANY_REQUESTS');
    await emu.advance(10_000);
    await inst.run(() => kvs.set('a', 1));
    expect(inst.metrics().rateLimited).toBe(2);
  });

  it('injects KVS 5xx at the configured rate', async () => {
    const { inst } = setup({ faults: { kvs5xxRate: 0.5 } });
    const codes = await inst.run(async () => {
      const out: string[] = [];
      for (let i = 0; i < 200; i++) out.push(await kvs.set(`k${i}`, i).then(() => 'ok', (e: unknown) => (e as { code: string }).code));
      return out;
    });
    const failures = codes.filter((c) => c === 'INTERNAL_SERVER_ERROR').length;
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
    expect(codes.filter((c) => c !== 'ok' && c !== 'INTERNAL_SERVER_ERROR')).toEqual([]);
  });

  it('injects push 5xx as InternalServerError', async () => {
    const { inst } = setup({ faults: { push5xxRate: 1 } });
    expect(await caught(() => inst.run(() => new Queue({ key: 'q' }).push({ body: {} })))).toBeInstanceOf(InternalServerError);
  });

  it('adds clock latency to platform calls', async () => {
    const { emu, inst } = setup({ faults: { latencyMs: [20, 40] } });
    const t0 = emu.now();
    await inst.run(async () => {
      for (let i = 0; i < 10; i++) await kvs.get('x');
    });
    const spent = emu.now() - t0;
    expect(spent).toBeGreaterThanOrEqual(200);
    expect(spent).toBeLessThanOrEqual(400);
  });

  it('reorders ready events when asked, and keeps FIFO otherwise', async () => {
    const order = async (reorder: boolean) => {
      const seen: number[] = [];
      const { emu, inst } = setup({ faults: { reorder }, delivery: { concurrency: 1 } }, (e) => {
        seen.push(e.body.i);
      });
      await inst.run(() => new Queue({ key: 'q' }).push(Array.from({ length: 20 }, (_, i) => ({ body: { i } }))));
      await emu.runUntilIdle();
      emu.dispose();
      return seen;
    };
    const fifo = await order(false);
    const shuffled = await order(true);
    expect(fifo).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(shuffled).not.toEqual(fifo);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(fifo);
  });

  it('times out consumers at the configured rate and retries them', async () => {
    let calls = 0;
    const { emu, inst } = setup({ faults: { timeoutRate: 0.5 }, seed: 3 }, () => {
      calls++;
    });
    await inst.run(() => new Queue({ key: 'q' }).push(Array.from({ length: 10 }, (_, i) => ({ body: { i } }))));
    await emu.runUntilIdle();
    const timeouts = emu.inspect().log.filter((l) => l.outcome === 'timeout').length;
    expect(timeouts).toBeGreaterThan(0);
    expect(calls).toBe(10 + timeouts);
    expect(emu.metrics().eventsDelivered + emu.metrics().eventsDropped).toBe(10);
  });
});
