import { describe, expect, test } from 'vitest';
import { emptyTally, formatTally, merge, type Tally } from './tally.js';

const shard = (invocations: number, most: { n: number; seed: number }): Tally => ({ ...emptyTally(), histories: 2, consumerInvocations: invocations, mostInvocations: most });

describe('soak tallies: consumer invocations', () => {
  test('merge sums the invocations and keeps the history with the most, with its seed', () => {
    const t = merge([shard(30, { n: 20, seed: 7 }), shard(50, { n: 45, seed: 4 }), shard(10, { n: 6, seed: 9 })]);
    expect(t.consumerInvocations).toBe(90);
    expect(t.mostInvocations).toEqual({ n: 45, seed: 4 });
    expect(t.histories).toBe(6);
  });

  test('the table prints both rows', () => {
    const text = formatTally(merge([shard(12, { n: 8, seed: 160008212 })]), { wallMs: 1_000, cpuMs: 10, workers: 1 });
    expect(text).toMatch(/^consumer invocations\s+12$/m);
    expect(text).toMatch(/^ {2}most in one history \(seed\)\s+8 \(160008212\)$/m);
  });
});
