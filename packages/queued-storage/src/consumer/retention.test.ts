import { describe, expect, test } from 'vitest';
import { learnWindow, retentionRemaining, windowLength, type RetentionMemory } from './retention.js';

describe('windowLength', () => {
  test.each<[number | undefined, number | undefined, number, number | undefined]>([
    [400_000, 1_000_000, 1_200_000, 600_000],
    [600_000, 1_000_000, 1_000_000, 600_000],
    [undefined, 1_000_000, 1_200_000, undefined],
    [400_000, undefined, 1_200_000, undefined],
    [0, 1_000_000, 1_000_000, undefined],
  ])('remaining %j, start %j, now %j -> %j', (remaining, start, now, expected) => {
    expect(windowLength(remaining, start, now)).toBe(expected);
  });
});

test('learnWindow keeps the shortest window seen and ignores unknowns', () => {
  const memory: RetentionMemory = { learnedMs: undefined };
  learnWindow(memory, undefined);
  expect(memory.learnedMs).toBeUndefined();
  learnWindow(memory, 900_000);
  learnWindow(memory, 600_000);
  learnWindow(memory, 700_000);
  expect(memory.learnedMs).toBe(600_000);
});

describe('retentionRemaining', () => {
  const base = { toldMs: undefined, assumedMs: 86_400_000, learnedMs: undefined, pushedAt: 1_000_000, now: 1_300_000 };
  test('a first delivery with nothing learned assumes the configured window', () => {
    expect(retentionRemaining(base)).toBe(86_400_000 - 300_000);
  });
  test('a first delivery uses the learned window (a re-driven event in a 10-minute window)', () => {
    expect(retentionRemaining({ ...base, learnedMs: 600_000 })).toBe(300_000);
  });
  test("the platform's own figure wins when it is smaller", () => {
    expect(retentionRemaining({ ...base, learnedMs: 600_000, toldMs: 120_000 })).toBe(120_000);
  });
});
