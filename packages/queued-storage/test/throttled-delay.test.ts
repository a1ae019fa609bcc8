import { describe, expect, test } from 'vitest';
import { harness } from './harness.js';

const MINUTE = 60_000;

describe('writes queued because KVS throttles are delivered after the quota window reopens', () => {
  test.each([
    [undefined, 1],
    [0, 0],
  ])('throttledDelaySeconds %s -> %i delayed event(s)', async (throttledDelaySeconds, delayed) => {
    const probe = harness();
    const t0 = probe.emu.now();
    probe.emu.dispose();
    const h = harness({
      producer: throttledDelaySeconds === undefined ? {} : { throttledDelaySeconds },
      emulator: { faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + MINUTE }] } },
    });
    const receipt = await h.produce([['a', 1], ['b', 2]]);
    expect(receipt).toMatchObject({ direct: 0, queued: 2, events: 1 });
    expect(h.emu.inspect().delayed).toBe(delayed);
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ a: 1, b: 2 });
  });
});
