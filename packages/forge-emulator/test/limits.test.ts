import { InvocationError, InvocationErrorCode, PayloadTooBigError, Queue } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
type Rc = { retryCount: number; retryReason: string; retryData?: unknown };

describe('async events limits enforced by the platform (real @forge/events client)', () => {
  // [retryData size, attempt outcome, retryReason seen on the retry, retryData kept, delay range (ms), logged error]
  it.each([
    ['4 KB', 4096 - 2, 'retry', 'FUNCTION_RETRY_REQUEST', true, [5000, 5000], undefined],
    // A failed invocation: platform backoff (30..60 s for the first retry), the oversized data is not kept.
    ['4 KB + 1 byte', 4096 - 1, 'error', 'FUNCTION_PLATFORM_UNKNOWN_ERROR', false, [30_000, 60_000], /retryData is 4097 bytes .* over the 4 KB limit/],
  ] as const)('an InvocationError with retryData of %s: attempt outcome %s', async (_name, chars, outcome, reason, kept, [lo, hi], logged) => {
    const emu = make();
    const seen: Array<{ at: number; rc: Rc | undefined }> = [];
    const data = 'x'.repeat(chars);
    const app = emu.defineApp({
      manifest: manifestFor(['q']),
      modules: {
        index: {
          q: (e: { retryContext?: Rc }) => {
            seen.push({ at: Date.now(), rc: e.retryContext });
            if (e.retryContext === undefined) return new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: data });
            return undefined;
          },
        },
      },
    });
    const inst = emu.install(app);
    await inst.run(() => new Queue({ key: 'q' }).push({ body: {} }));
    await emu.runUntilIdle();
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [{ at: number }, { at: number; rc: Rc }];
    expect(second.rc.retryReason).toBe(reason);
    const log = emu.inspect().log.filter((l) => l.kind === 'consumer');
    expect(log.map((l) => l.outcome)).toEqual([outcome, 'ok']);
    expect(second.rc.retryData).toBe(kept ? data : undefined);
    expect(second.at - first.at).toBeGreaterThanOrEqual(lo);
    expect(second.at - first.at).toBeLessThanOrEqual(hi);
    expect(log[0]?.error ?? '').toMatch(logged ?? /^$/);
  });

  /** An event whose JSON (`{"body":{"s":"..."}}`) is exactly `bytes` long. */
  const eventOf = (bytes: number) => ({ body: { s: 'x'.repeat(bytes - '{"body":{"s":""}}'.length) } });

  const pushTo = async (timeoutSeconds: number | undefined, events: object[]) => {
    const emu = make();
    const delivered: unknown[] = [];
    const app = emu.defineApp({
      manifest: manifestFor(['q'], timeoutSeconds === undefined ? {} : { timeoutSeconds: { q: timeoutSeconds } }),
      modules: { index: { q: (e: { body: unknown }) => void delivered.push(e.body) } },
    });
    const inst = emu.install(app);
    const result = await inst.run(() => new Queue({ key: 'q' }).push(events as Array<{ body: Record<string, unknown> }>)).then(() => undefined, (e: unknown) => e);
    await emu.runUntilIdle();
    return { result, delivered: delivered.length, pushed: emu.metrics().eventsPushed };
  };

  it.each([
    ['timeoutSeconds 56, event of 100 KB + 1', 56, 100 * 1024 + 1, 'rejected'],
    ['timeoutSeconds 900, event of 150 KB', 900, 150 * 1024, 'rejected'],
    ['timeoutSeconds 56, event of exactly 100 KB', 56, 100 * 1024, 'accepted'],
    ['timeoutSeconds 55, event of 150 KB', 55, 150 * 1024, 'accepted'],
    ['default consumer timeout, event of 150 KB', undefined, 150 * 1024, 'accepted'],
  ] as const)('%s: %s', async (_name, timeoutSeconds, bytes, verdict) => {
    const r = await pushTo(timeoutSeconds, [{ body: { small: true } }, eventOf(bytes)]);
    const rejected = verdict === 'rejected';
    expect(r.result instanceof PayloadTooBigError).toBe(rejected);
    expect(r.delivered).toBe(rejected ? 0 : 2);
    expect(r.pushed).toBe(rejected ? 0 : 2);
  });

  it('names the limit and the event in the PayloadTooBigError message', async () => {
    const r = await pushTo(120, [eventOf(101 * 1024)]);
    expect(r.result).toBeInstanceOf(PayloadTooBigError);
    expect((r.result as Error).message).toMatch(/maximum payload size is 100KB per event .* timeoutSeconds > 55 \(event 0 is 103424 bytes\)/);
  });

  it('still lets the client reject a push over 200 KB before it is sent', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q'], { timeoutSeconds: { q: 56 } }), modules: { index: { q: () => undefined } } }));
    const err = await caught(() => inst.run(() => new Queue({ key: 'q' }).push([eventOf(90 * 1024), eventOf(90 * 1024), eventOf(90 * 1024)])));
    expect(err).toBeInstanceOf(PayloadTooBigError);
    expect(err.message).toBe('The maximum payload size is 200KB.');
  });
});
