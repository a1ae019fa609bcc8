import { describe, expect, test } from 'vitest';
import { gauge, minuteFigures, perMinute, type Sample } from './timeline.js';

const sample = (atMs: number, kvsWriteUnits: number, queueDepth = 0): Sample => ({
  atMs,
  queueDepth,
  pendingWrites: 0,
  retries: 0,
  kvsWriteUnits,
  kvsReadUnits: 0,
  rateLimited: kvsWriteUnits * 2,
});

describe('perMinute', () => {
  test('turns a cumulative counter into per-minute increments', () => {
    const samples = [sample(0, 0), sample(30_000, 100), sample(60_000, 250), sample(90_000, 260), sample(120_000, 400), sample(150_000, 400)];
    expect(perMinute(samples, 'kvsWriteUnits')).toEqual([
      { x: 0, y: 250 },
      { x: 1, y: 150 },
      { x: 2, y: 0 },
    ]);
  });

  test('no samples, no points', () => {
    expect(perMinute([], 'retries')).toEqual([]);
  });
});

test('gauge maps time to minutes', () => {
  expect(gauge([sample(0, 0, 3), sample(90_000, 0, 7)], 'queueDepth')).toEqual([
    { x: 0, y: 3 },
    { x: 1.5, y: 7 },
  ]);
});

test('minute figures: units and 429s during each minute, pending writes at its last sample', () => {
  const samples = [sample(0, 0), { ...sample(59_999, 5), pendingWrites: 7 }, sample(119_999, 8)];
  expect(minuteFigures(samples)).toEqual([
    { writeUnits: 5, readUnits: 0, rateLimited: 10, pendingWrites: 7 },
    { writeUnits: 3, readUnits: 0, rateLimited: 6, pendingWrites: 0 },
  ]);
});
