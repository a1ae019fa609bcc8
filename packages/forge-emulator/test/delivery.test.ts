import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions } from '../src/index.js';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
type Ev = { body: Record<string, unknown>; eventId: string; retryContext?: { retryCount: number; retryReason: string; retryData?: unknown; retentionWindow: { remainingTimeMs: number } } };

/** App with consumer `q` running `consume`; returns a push helper. */
function setup(consume: (e: Ev) => unknown, options: EmulatorOptions = {}, timeoutSeconds?: number) {
  const emu: Emulator = make(options);
  const app = emu.defineApp({ manifest: manifestFor(['q'], timeoutSeconds === undefined ? {} : { timeoutSeconds: { q: timeoutSeconds } }), modules: { index: { q: consume } } });
  const inst = emu.install(app);
  const push = (events: Array<{ body: Record<string, unknown>; delayInSeconds?: number; concurrency?: { key: string; limit: number } }>) =>
    inst.run(() => new Queue({ key: 'q' }).push(events));
  return { emu, inst, push };
}

const retry = (retryAfter: number, retryData?: unknown) =>
  new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, ...(retryData === undefined ? {} : { retryData }) });

describe('delivery rules', () => {
  it('retries an InvocationError after retryAfter seconds with retryContext', async () => {
    const seen: Array<[number, Ev['retryContext']]> = [];
    const { emu, push } = setup((e) => {
      seen.push([Date.now(), e.retryContext]);
      return e.retryContext === undefined ? retry(42, { step: 1 }) : undefined;
    });
    await push([{ body: {} }]);
    await emu.runUntilIdle();
    expect(seen).toHaveLength(2);
    const [[t0], [t1, rc]] = seen as [[number, undefined], [number, NonNullable<Ev['retryContext']>]];
    expect(t1 - t0).toBe(42_000);
    expect(rc.retryCount).toBe(1);
    expect(rc.retryReason).toBe('FUNCTION_RETRY_REQUEST');
    expect(rc.retryData).toEqual({ step: 1 });
    expect(rc.retentionWindow.remainingTimeMs).toBe(24 * 3_600_000 - 42_000);
  });

  it('drops an event after the retry cap and counts it', async () => {
    let calls = 0;
    const { emu, push } = setup(() => {
      calls++;
      return retry(1);
    }, { delivery: { maxRetries: 2 } });
    await push([{ body: { lost: true } }]);
    await emu.runUntilIdle();
    expect(calls).toBe(3);
    expect(emu.metrics().eventsDropped).toBe(1);
    expect(emu.inspect().dropped[0]).toMatchObject({ reason: 'retry-cap', attempts: 3, body: { lost: true } });
  });

  it('drops an event when its retention window ends', async () => {
    let calls = 0;
    const { emu, push } = setup(() => {
      calls++;
      return retry(900);
    }, { delivery: { maxRetries: 1000, retentionMs: 3_600_000 } });
    await push([{ body: {} }]);
    await emu.runUntilIdle();
    expect(calls).toBe(4);
    expect(emu.inspect().dropped[0]?.reason).toBe('retention');
  });

  it('retries thrown errors and timeouts with platform backoff', async () => {
    const reasons: string[] = [];
    const { emu, push } = setup(async (e) => {
      reasons.push(e.retryContext?.retryReason ?? 'first');
      if (e.retryContext === undefined) throw new Error('boom');
      if (e.retryContext.retryCount === 1) await new Promise((r) => setTimeout(r, 10_000));
      return undefined;
    }, {}, 5);
    await push([{ body: {} }]);
    await emu.runUntilIdle();
    expect(reasons).toEqual(['first', 'FUNCTION_PLATFORM_UNKNOWN_ERROR', 'FUNCTION_TIME_OUT']);
    expect(emu.inspect().log.filter((l) => l.kind === 'consumer').map((l) => l.outcome)).toEqual(['error', 'timeout', 'ok']);
  });

  it('holds delayed events until delayInSeconds has passed', async () => {
    const at: number[] = [];
    const { emu, push } = setup(() => {
      at.push(Date.now());
    });
    const t0 = emu.now();
    await push([{ body: {}, delayInSeconds: 300 }]);
    await emu.advance(299_000);
    expect(at).toEqual([]);
    await emu.runUntilIdle();
    expect(at).toEqual([t0 + 300_000]);
  });

  it('runs at most `limit` events of a concurrency key at once', async () => {
    let running = 0;
    let peak = 0;
    const work = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1000));
      running--;
    };
    const { emu, push } = setup(work);
    await push(Array.from({ length: 5 }, () => ({ body: {}, concurrency: { key: 'one', limit: 1 } })));
    const t0 = emu.now();
    await emu.runUntilIdle();
    expect(peak).toBe(1);
    expect(emu.now() - t0).toBeGreaterThan(5000); // held events wait for the platform's backoff (concurrency.test.ts)
    emu.dispose();
    const free = setup(work);
    await free.push(Array.from({ length: 5 }, () => ({ body: {} })));
    await free.emu.runUntilIdle();
    expect(peak).toBe(5);
  });

  it('delivers duplicates at the configured rate (at least once)', async () => {
    const ids: string[] = [];
    const { emu, push } = setup((e) => {
      ids.push(e.eventId);
    }, { faults: { duplicateRate: 1 } });
    await push([{ body: { a: 1 } }, { body: { a: 2 } }]);
    await emu.runUntilIdle();
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(2);
  });

  it('retries failing product-event triggers at most 4 times', async () => {
    const emu = make();
    let calls = 0;
    const app = emu.defineApp({
      manifest: manifestFor([], { triggers: [['avi:jira:created:issue', 'onIssue']] }),
      modules: { index: { onIssue: () => { calls++; throw new Error('nope'); } } },
    });
    emu.install(app).fireProductEvent('avi:jira:created:issue', { issue: { key: 'A-1' } });
    await emu.runUntilIdle();
    expect(calls).toBe(5);
    expect(emu.inspect().dropped[0]?.kind).toBe('trigger');
  });

  it('gives identical metrics for the same seed under faults', async () => {
    const run = async (seed: number) => {
      const { emu, push } = setup(async (e) => {
        await kvs.set(`k${String(e.body.i)}`, e.body);
        return undefined;
      }, { seed, faults: { kvs5xxRate: 0.2, duplicateRate: 0.3, reorder: true, timeoutRate: 0.1 } });
      await push(Array.from({ length: 40 }, (_, i) => ({ body: { i } })));
      await emu.runUntilIdle();
      const out = { metrics: emu.metrics(), log: emu.inspect().log.map((l) => [l.eventId, l.outcome, l.atMs]) };
      emu.dispose();
      return out;
    };
    const a = await run(11);
    const b = await run(11);
    const c = await run(12);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
