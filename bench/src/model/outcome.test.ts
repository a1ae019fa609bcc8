import { describe, expect, test } from 'vitest';
import { classifyWrites } from './outcome.js';
import { ProducerLog } from './producerLog.js';

function logOf(writes: Array<[string, unknown]>): ProducerLog {
  const log = new ProducerLog();
  for (const [key, value] of writes) log.record(key, value);
  return log;
}

const writes: Array<[string, unknown]> = [
  ['a', { n: 1 }],
  ['a', { n: 2 }],
  ['a', { n: 3 }],
  ['b', 'x'],
  ['c', 'y'],
];

describe('classifyWrites', () => {
  test.each([
    { name: 'everything applied', kvs: { a: { n: 3 }, b: 'x', c: 'y' }, dl: [], applied: 5, lost: 0, dead: 0, stale: 0 },
    { name: 'a stale at its second write', kvs: { a: { n: 2 }, b: 'x', c: 'y' }, dl: [], applied: 4, lost: 1, dead: 0, stale: 1 },
    { name: 'b missing', kvs: { a: { n: 3 }, c: 'y' }, dl: [], applied: 4, lost: 1, dead: 0, stale: 0 },
    { name: 'b missing but dead-lettered', kvs: { a: { n: 3 }, c: 'y' }, dl: ['b'], applied: 4, lost: 0, dead: 1, stale: 0 },
    { name: 'c holds a value nobody wrote', kvs: { a: { n: 3 }, b: 'x', c: 'z' }, dl: [], applied: 4, lost: 1, dead: 0, stale: 0 },
    { name: 'nothing applied', kvs: {}, dl: [], applied: 0, lost: 5, dead: 0, stale: 0 },
  ])('$name', ({ kvs, dl, applied, lost, dead, stale }) => {
    const store = kvs as Record<string, unknown>;
    const outcome = classifyWrites(logOf(writes), (key) => store[key], new Set(dl));
    expect(outcome).toMatchObject({ requested: 5, applied, lost, deadLettered: dead, staleKeys: stale, keys: 3 });
    expect(outcome.applied + outcome.lost + outcome.deadLettered).toBe(outcome.requested);
    expect(outcome.lostToStale).toBe(stale === 1 ? lost : 0);
  });

  test('a never-performed write is lost, not stale', () => {
    const log = new ProducerLog();
    log.expect('k', 1);
    log.expect('k', 2);
    log.record('k', 1);
    const outcome = classifyWrites(log, () => 1, new Set());
    expect(outcome).toMatchObject({ applied: 1, lost: 1, staleKeys: 0, lostToStale: 0 });
  });

  test('object key order does not matter', () => {
    const log = logOf([['k', { a: 1, b: 2 }]]);
    expect(classifyWrites(log, () => ({ b: 2, a: 1 }), new Set()).applied).toBe(1);
  });
});
