import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { manifestFor, useEmulator } from './helpers.js';

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
});
