import { describe, expect, test } from 'vitest';
import { createQueuedStorage } from '../src/index.js';
import { seededRandom } from '../src/testing.js';
import { harness, writeAll, type Write } from './harness.js';

const writes = (prefix: string, n: number): Write[] => Array.from({ length: n }, (_, i): Write => [`${prefix}${i}`, i]);

/**
 * After a push 429 the producer treats the push quota as spent until its window reopens: it never
 * retries the push in place (each retry is another 429 and the invocation sleeps on, billed, until its
 * deadline). On the emulator with the real @forge/events client.
 */
describe('push pacing', () => {
  test('push quota and write units spent: PushQuotaSpentError at once, and later flushes do not push until the window reopens', async () => {
    const h = harness({ producer: { direct: false }, emulator: { quotas: { pushEventsPerMinute: 2 } } });
    await h.produce(writes('a', 2));
    await h.produce(writes('b', 2));
    expect(h.inst.metrics()).toMatchObject({ pushes: 2, rateLimited: 0 });

    const before = h.emu.now();
    await expect(h.produce(writes('c', 2))).rejects.toMatchObject({ name: 'PushQuotaSpentError', code: 'QS_PUSH_FAILED', retryable: true, pendingOperations: 2 });
    // One refused push, no retry in place: the invocation ends at once (virtual clock).
    expect(h.inst.metrics()).toMatchObject({ pushes: 2, rateLimited: 1 });
    expect(h.emu.now() - before).toBeLessThan(1_000);

    // The quota is known spent: no push request at all, so no second 429.
    const error: unknown = await h.produce(writes('d', 2)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PushQuotaSpentError' });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(50_000);
    expect(h.inst.metrics()).toMatchObject({ pushes: 2, rateLimited: 1 });

    // Once the window has reopened the producer pushes again.
    await h.emu.advance(60_000);
    expect(await h.produce(writes('e', 2))).toMatchObject({ pushes: 1, queued: 2 });
    await h.emu.runUntilIdle();
    expect(Object.keys(h.userEntries()).sort()).toEqual(['a0', 'a1', 'b0', 'b1', 'e0', 'e1']);
  });

  test('push quota spent, write units free: what the push could not take is written directly', async () => {
    // maxCalls 1: one transaction (12 keys and their version records) goes direct, the other 18 are queued.
    const h = harness({ producer: { direct: { maxCalls: 1 } }, emulator: { quotas: { pushEventsPerMinute: 1 } } });
    expect(await h.produce(writes('a', 30))).toMatchObject({ direct: 12, queued: 18, pushes: 1 });
    const before = h.emu.now();
    expect(await h.produce(writes('b', 30))).toMatchObject({ direct: 30, queued: 0, pushes: 0 });
    expect(h.inst.metrics()).toMatchObject({ pushes: 1, rateLimited: 1 });
    expect(h.emu.now() - before).toBeLessThan(1_000);
    await h.emu.runUntilIdle();
    expect(Object.keys(h.userEntries())).toHaveLength(60);
  });

  test('a flush refused before, refused again for a window others filled, waits in place for it to reopen before its deadline, then pushes', async () => {
    const h = harness({ producer: { direct: false }, emulator: { quotaWindow: 'sliding', quotas: { pushEventsPerMinute: 1 } } });
    // Y: another storage instance (its own estimate and refusal memory); h's storage fills the window.
    const y = createQueuedStorage({ direct: false, random: seededRandom(9) });
    const yFlush = (timeoutSeconds: number) => h.inst.run(() => writeAll(y, writes('b', 1)), { timeoutSeconds });
    await h.produce(writes('a', 1));
    await expect(yFlush(25)).rejects.toMatchObject({ name: 'PushQuotaSpentError' });
    await h.emu.advance(61_000);
    await h.produce(writes('c', 1)); // the window is full again; Y's estimate says it has room
    expect(h.inst.metrics()).toMatchObject({ pushes: 2, rateLimited: 1 });

    const before = h.emu.now();
    // Refused before: this flush may wait up to its deadline. Its push is refused, the estimate puts
    // the reopening a window later, inside the 150 s invocation: it sleeps once, then pushes.
    expect(await yFlush(150)).toMatchObject({ pushes: 1, queued: 1 });
    expect(h.emu.now() - before).toBeGreaterThanOrEqual(60_000);
    // One refusal in this flush, none while it waited.
    expect(h.inst.metrics()).toMatchObject({ pushes: 3, rateLimited: 2 });
  });
});

