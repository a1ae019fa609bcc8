import { describe, expect, test } from 'vitest';
import { expectRefusal, freshEstimate, learnOthersFilled, learnRefusal, learnWindowRefusal, recordSpent, relax, reserve, spentIn, type QuotaEstimate } from './estimate.js';

/** An estimate with `units` spent one per second from t = 0. */
function spending(limit: number, units: number): QuotaEstimate {
  let e = freshEstimate(limit);
  for (let i = 0; i < units; i++) e = recordSpent(e, i * 1000, 1);
  return e;
}

describe('recordSpent / spentIn', () => {
  test.each([
    { units: 10, at: 9_000, spent: 10 },
    { units: 10, at: 65_000, spent: 4 }, // units of 0..5 s left the window
    { units: 10, at: 200_000, spent: 0 },
  ])('$units spent, at $at ms: $spent in the window', ({ units, at, spent }) => {
    expect(spentIn(spending(100, units), at)).toBe(spent);
  });

  test('accepted beyond the estimate raises it', () => {
    expect(spending(5, 8).limit).toBe(8);
  });

  test('a paced caller (raiseLimit false) keeps the limit: a fixed window boundary shows more than it in a sliding span', () => {
    let e = freshEstimate(5);
    for (let i = 0; i < 8; i++) e = recordSpent(e, i * 1000, 1, false);
    expect(e).toMatchObject({ limit: 5 });
    expect(spentIn(e, 8_000)).toBe(8);
  });
});

describe('learnRefusal', () => {
  test.each([
    // Known full (spent >= the halved limit): limit = what was spent, blocked until the oldest unit leaves.
    { limit: 400, spent: 300, stepMs: 1, at: 1_000, limit2: 300, blockedUntil: 60_000 },
    // Spent little: a per-second limit may have refused it: halve, block one second.
    { limit: 4000, spent: 10, stepMs: 1000, at: 10_000, limit2: 2000, blockedUntil: 11_000 },
    { limit: 4000, spent: 0, stepMs: 1000, at: 5_000, limit2: 2000, blockedUntil: 6_000 },
  ])('limit $limit, $spent spent -> limit $limit2, blocked until $blockedUntil', ({ limit, spent, stepMs, at, limit2, blockedUntil }) => {
    let e = freshEstimate(limit);
    for (let i = 0; i < spent; i++) e = recordSpent(e, i * stepMs, 1);
    const learned = learnRefusal(e, at);
    expect(learned.limit).toBe(limit2);
    expect(learned.blockedUntil).toBe(blockedUntil);
  });

  test('a quota without a per-second limit (pushes): an unexplained refusal blocks one window', () => {
    expect(learnRefusal(freshEstimate(500), 5_000, 60_000).blockedUntil).toBe(65_000);
  });

  test('a shared quota filled by others (pushes): blocked one window, the limit stays for the next', () => {
    // 10 pushed by this instance, the window refused at 20 s: others filled it.
    const learned = learnOthersFilled(spending(500, 10), 20_000);
    expect(learned.blockedUntil).toBe(80_000);
    expect(learned.limit).toBe(500);
    expect(expectRefusal(learned, 80_001, 400)).toBe(false);
  });

  test('a refusal makes the next call expected to be refused until the window reopens', () => {
    const e = learnRefusal(spending(50, 50), 49_500);
    expect(expectRefusal(e, 50_000, 1)).toBe(true);
    expect(expectRefusal(e, 60_001, 1)).toBe(false);
  });
});

describe('reserve', () => {
  test.each([
    // Room in the window, nothing promised: now.
    { spent: 10, limit: 100, at: 20_000, units: 1, delayMs: 0 },
    // Window full (100 spent from 0 s): the oldest unit leaves at 60 s.
    { spent: 100, limit: 100, at: 99_000, units: 1, delayMs: 0 },
    { spent: 60, limit: 60, at: 59_000, units: 1, delayMs: 1_000 },
  ])('$spent/$limit spent at $at ms: back in $delayMs ms', ({ spent, limit, at, units, delayMs }) => {
    expect(reserve(spending(limit, spent), at, units, 120_000).delayMs).toBe(delayMs);
  });

  test('later work is promised later units, first come first served, capped at two windows', () => {
    let e = learnRefusal(spending(60, 60), 59_000);
    const delays: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = reserve(e, 59_000, 1, 120_000);
      delays.push(r.delayMs);
      e = r.estimate;
    }
    // 60 a minute = one a second after the window reopens at 60 s.
    expect(delays.slice(0, 3)).toEqual([1_000, 2_000, 3_000]);
    expect(Math.max(...delays)).toBe(120_000);
    expect(delays.every((d, i) => i === 0 || d >= (delays[i - 1] as number))).toBe(true);
  });
});

describe('relax', () => {
  test.each([
    { quiet: 0, limit: 400 },
    { quiet: 1, limit: 440 },
    { quiet: 3, limit: 532 },
    { quiet: 100, limit: 4000 },
  ])('$quiet quiet windows after a refusal: limit $limit', ({ quiet, limit }) => {
    const e: QuotaEstimate = { ...freshEstimate(400), blockedUntil: 60_000 };
    expect(relax(e, 60_000 + quiet * 60_000, 4000).limit).toBe(limit);
  });
});

test('refusals while one is already known do not lower the limit again', () => {
  const once = learnRefusal(freshEstimate(4000), 5_000);
  expect(learnRefusal(learnRefusal(once, 5_100), 5_200).limit).toBe(once.limit);
});

describe('learnWindowRefusal (a paced trigger)', () => {
  test.each([
    // Quiet last second: the window quota refused it: limit = spent, blocked until the oldest leaves.
    { limit: 4000, spent: 3, stepMs: 1000, at: 3_000, limit2: 3, blockedUntil: 60_000 },
    // A burst (>= 50 units in the last second): a per-second limit may have refused it: halve, one second.
    { limit: 4000, spent: 300, stepMs: 10, at: 3_000, limit2: 2000, blockedUntil: 4_000 },
  ])('limit $limit, $spent spent $stepMs ms apart, refused at $at', ({ limit, spent, stepMs, at, limit2, blockedUntil }) => {
    let e = freshEstimate(limit);
    for (let i = 0; i < spent; i++) e = recordSpent(e, i * stepMs, 1);
    expect(learnWindowRefusal(e, at)).toMatchObject({ limit: limit2, blockedUntil });
  });
});
