// Pure logic of the sampled outcome counts (an in-memory writer stands in for kvs.set).
import type { ConsumerOutcome } from '@forge-queue/queued-storage';
import { expect, test } from 'vitest';
import { OutcomeStats, type OutcomeSample } from '../src/outcome-stats.js';

const outcome = (kind: ConsumerOutcome['outcome'], over: Partial<ConsumerOutcome> = {}): ConsumerOutcome => ({
  outcome: kind, queue: 'q', attempt: 1, retryCount: 0, operations: 2, applied: kind === 'ok' ? 2 : 0, stale: 0, deadLettered: kind === 'dead-letter' ? 2 : 0,
  pending: 0, reads: 0, writes: 1, durationMs: 1, jobId: 'job-1', ...over,
});

function setup(fail = false) {
  let now = 1_000_000;
  let scope = 'a';
  const writes: Array<[string, OutcomeSample]> = [];
  const stats = new OutcomeStats({
    instanceId: 'i1', now: () => now, scope: () => scope,
    write: (key, sample) => {
      if (fail) return Promise.reject(new Error('429'));
      writes.push([key, sample]);
      return Promise.resolve();
    },
  });
  return { stats, writes, tick: (ms: number) => (now += ms), use: (s: string) => (scope = s), fail: (f: boolean) => (fail = f) };
}

test('one write per minute of outcomes, not one per outcome', async () => {
  const { stats, writes, tick } = setup();
  for (let i = 0; i < 100; i++) {
    await stats.record(outcome('ok'));
    tick(1000);
  }
  // The first outcome flushes at once, then one flush per 60 s: 100 outcomes over 100 s -> 2 writes.
  expect(writes).toHaveLength(2);
  expect(writes.reduce((n, [, s]) => n + s.ok, 0)).toBe(61);
  expect(writes[1]?.[1]).toMatchObject({ ok: 60, applied: 120, jobIds: ['job-1'] });
});

test('a dead letter is flushed at once', async () => {
  const { stats, writes, tick } = setup();
  await stats.record(outcome('ok'));
  tick(1000);
  await stats.record(outcome('retry'));
  await stats.record(outcome('dead-letter'));
  expect(writes.map(([, s]) => [s.ok, s.retry, s.deadLetter, s.deadLettered])).toEqual([[1, 0, 0, 0], [0, 1, 1, 2]]);
});

test('installations are counted apart', async () => {
  const { stats, writes, use } = setup();
  await stats.record(outcome('ok'));
  use('b');
  await stats.record(outcome('retry'));
  expect(writes.map(([, s]) => [s.ok, s.retry])).toEqual([[1, 0], [0, 1]]);
});

test('a failed flush keeps the counts and tries again 5 s later', async () => {
  const { stats, writes, tick, fail } = setup(true);
  await stats.record(outcome('ok'));
  fail(false);
  tick(4000);
  await stats.record(outcome('ok'));
  expect(writes).toEqual([]);
  tick(1000);
  await stats.record(outcome('ok'));
  expect(writes.map(([, s]) => s.ok)).toEqual([3]);
});
