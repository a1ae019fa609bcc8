import { describe, expect, test } from 'vitest';
import { flowing, freshEstimate, learnConsumerRefusal, recordAccepted, recordSpent, relaxConsumer, type QuotaEstimate } from './estimate.js';

/** `units` write calls of one unit each, taken and accepted one per `stepMs` from t = 0. */
function accepting(limit: number, units: number, stepMs = 100): QuotaEstimate {
  let e = freshEstimate(limit);
  for (let i = 0; i < units; i++) e = recordAccepted(recordSpent(e, i * stepMs, 1), i * stepMs, 1);
  return e;
}

describe('learnConsumerRefusal', () => {
  test('refusals in a row with nothing accepted block 1 s, 2 s, 4 s, ... (no probe every second)', () => {
    let e = freshEstimate(4000);
    const blocks: number[] = [];
    let t = 10_000;
    for (let i = 0; i < 8; i++) {
      e = learnConsumerRefusal(e, t);
      blocks.push(e.blockedUntil - t);
      t = e.blockedUntil;
    }
    expect(blocks).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  test('an accepted call between refusals starts the streak again', () => {
    let e = learnConsumerRefusal(freshEstimate(4000), 10_000);
    e = learnConsumerRefusal(e, 11_000);
    e = recordAccepted(recordSpent(e, 14_000, 1), 14_000, 1);
    expect(learnConsumerRefusal(e, 15_000).blockedUntil).toBe(16_000);
  });

  test('the limit never comes below what the quota accepted within one window lately', () => {
    const e = accepting(4000, 300); // 300 accepted within 30 s
    const refused = learnConsumerRefusal(e, 40_000);
    expect(refused.limit).toBe(2000); // halved, as learnRefusal does
    let t = 40_000;
    let lowered = refused;
    for (let i = 0; i < 10; i++) {
      t = lowered.blockedUntil;
      lowered = learnConsumerRefusal(lowered, t);
    }
    expect(lowered.limit).toBe(300);
  });

  test('refusals while blocked teach nothing', () => {
    const once = learnConsumerRefusal(freshEstimate(4000), 5_000);
    expect(learnConsumerRefusal(once, 5_500)).toMatchObject({ limit: once.limit, blockedUntil: once.blockedUntil, streak: 0 });
  });
});

describe('relaxConsumer', () => {
  test.each([
    // One quiet window: doubled, within twice the best accepted window.
    { limit: 100, best: 100, quietMs: 60_000, grown: 200 },
    // Two quiet windows: x4, but never past twice what was accepted.
    { limit: 100, best: 90, quietMs: 120_000, grown: 180 },
    // Less than a window: unchanged.
    { limit: 100, best: 90, quietMs: 59_000, grown: 100 },
    // Never past the published limit.
    { limit: 3000, best: 2900, quietMs: 60_000, grown: 4000 },
  ])('limit $limit, best $best, $quietMs ms quiet: $grown', ({ limit, best, quietMs, grown }) => {
    const e: QuotaEstimate = { ...freshEstimate(limit), blockedUntil: 1_000, best: { units: best, at: 1_000 } };
    expect(relaxConsumer(e, 1_000 + quietMs, 4000).limit).toBe(grown);
  });

  test('nothing accepted yet: nothing to grow on', () => {
    const e: QuotaEstimate = { ...freshEstimate(100), blockedUntil: 1_000 };
    expect(relaxConsumer(e, 200_000, 4000).limit).toBe(100);
  });
});

describe('flowing', () => {
  test('a call accepted within the last three windows: the quota flows; in a storm it does not', () => {
    const e = accepting(400, 5);
    expect(flowing(e, 100_000)).toBe(true);
    expect(flowing(e, 181_000)).toBe(false);
    expect(flowing(freshEstimate(400), 1_000)).toBe(false);
  });
});
