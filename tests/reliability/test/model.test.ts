import { describe, expect, test } from 'vitest';
import { check, isClean, type CheckInput, type DeadLetterView } from '../src/model/check.js';
import { expectations } from '../src/model/model.js';
import type { IssuedWrite, Write } from '../src/model/ops.js';

let seq = 0;
const markerOf = (write: Write): string | undefined => (write.kind === 'set' ? `m${String(write.value)}` : undefined);
const w = (write: Write, accepted = true, installation = 'i1', producer = seq, permanent = false): IssuedWrite => ({
  seq: seq++, installation, producer, write, accepted, marker: markerOf(write), permanent,
});
const set = (key: string, value: unknown): Write => ({ kind: 'set', key, value });
const del = (key: string): Write => ({ kind: 'delete', key });
const deadLetter = (markers: string[], reason = 'permanent: KVS refused', deletes: string[] = []): DeadLetterView => ({
  installation: 'i1', id: 'd1', reason, keys: ['a'], markers, deletes,
});

function input(writes: IssuedWrite[], store: Record<string, unknown>, extra: Partial<CheckInput> = {}): CheckInput {
  return {
    writes,
    ordered: true,
    installations: ['i1', 'i2'],
    keySpace: ['a', 'b'],
    read: (installation, key) => store[`${installation}/${key}`],
    deadLetters: [],
    landed: () => true,
    unreadable: [],
    afterReplay: false,
    ...extra,
  };
}

describe('model', () => {
  test('last accepted write wins per installation and key', () => {
    const writes = [w(set('a', 1)), w(set('a', 2)), w(set('a', 3), true, 'i2')];
    const exp = expectations(writes);
    expect(exp.find((e) => e.installation === 'i1')?.allowed).toEqual([2]);
    expect(exp.find((e) => e.installation === 'i2')?.allowed).toEqual([3]);
  });

  test('a rejected write after the last accepted one may or may not land', () => {
    const exp = expectations([w(set('a', 1)), w(set('a', 2), false)]);
    expect(exp[0]?.allowed).toEqual([1, 2]);
  });

  test('a rejected write before an accepted one cannot win', () => {
    const exp = expectations([w(set('a', 1), false), w(del('a'))]);
    expect(exp[0]?.allowed).toEqual([undefined]);
  });
});

describe('check', () => {
  test('a clean run passes', () => {
    expect(isClean(check(input([w(set('a', 1)), w(del('b'))], { 'i1/a': 1 })))).toBe(true);
  });

  test('a missing write is lost', () => {
    expect(check(input([w(set('a', 1))], {})).lost).toHaveLength(1);
  });

  test('an older value is stale in ordered mode, tolerated in unordered mode', () => {
    const writes = [w(set('a', 1)), w(set('a', 2))];
    expect(check(input(writes, { 'i1/a': 1 })).stale).toHaveLength(1);
    expect(isClean(check(input(writes, { 'i1/a': 1 }, { ordered: false })))).toBe(true);
  });

  test('a dead letter excuses the difference until replay', () => {
    const dl = [deadLetter(['m1'])];
    expect(isClean(check(input([w(set('a', 1))], {}, { deadLetters: dl })))).toBe(true);
    expect(check(input([w(set('a', 1))], {}, { deadLetters: dl, afterReplay: true })).lost).toHaveLength(1);
  });

  test('a dead letter excuses only the write it holds, not another write to the same key', () => {
    const writes = [w(set('a', 1)), w(set('a', 2))];
    expect(check(input(writes, { 'i1/a': 1 }, { deadLetters: [deadLetter(['m1'])] })).stale).toHaveLength(1);
    expect(isClean(check(input(writes, { 'i1/a': 1 }, { deadLetters: [deadLetter(['m2'])] })))).toBe(true);
  });

  test('a delete is excused only by a dead letter holding a delete of the key', () => {
    const writes = [w(set('a', 1)), w(del('a'))];
    expect(check(input(writes, { 'i1/a': 1 }, { deadLetters: [deadLetter([])] })).stale).toHaveLength(1);
    expect(isClean(check(input(writes, { 'i1/a': 1 }, { deadLetters: [deadLetter([], 'x', ['a'])] })))).toBe(true);
  });

  test('after replay a dead letter still excuses a write no platform can apply', () => {
    const writes = [w(set('a', 1), true, 'i1', 0, true)];
    expect(isClean(check(input(writes, {}, { deadLetters: [deadLetter(['m1'])], afterReplay: true })))).toBe(true);
  });

  test('a dead letter without a reason is flagged', () => {
    expect(check(input([w(set('a', 1))], {}, { deadLetters: [deadLetter(['m1'], ' ')] })).unexplained).toHaveLength(1);
  });

  test('an older write of the same producer winning is a producer-order finding', () => {
    const writes = [w(set('a', 1), true, 'i1', 7), w(set('a', 2), true, 'i1', 7)];
    expect(check(input(writes, { 'i1/a': 1 })).stale[0]?.producerOrder).toBe(true);
    const twoProducers = [w(set('a', 1), true, 'i1', 7), w(set('a', 2), true, 'i1', 8)];
    expect(check(input(twoProducers, { 'i1/a': 1 })).stale[0]?.producerOrder).toBe(false);
  });

  test('unordered mode: the newest write must have landed at some point or be dead-lettered', () => {
    const writes = [w(set('a', 1)), w(set('a', 2))];
    const landedOnlyFirst = { ordered: false, landed: (m: string) => m === 'm1' };
    expect(check(input(writes, { 'i1/a': 1 }, landedOnlyFirst)).lost).toHaveLength(1);
    expect(isClean(check(input(writes, { 'i1/a': 1 }, { ...landedOnlyFirst, deadLetters: [deadLetter(['m2'])] })))).toBe(true);
  });

  test('an acknowledged unreadable operation must be in a dead letter until replay', () => {
    const unreadable = [{ installation: 'i1', kind: 'null-value' as const, marker: 'u1' }];
    expect(check(input([], {}, { unreadable })).unreadableLost).toHaveLength(1);
    expect(isClean(check(input([], {}, { unreadable, deadLetters: [deadLetter(['u1'])] })))).toBe(true);
    expect(isClean(check(input([], {}, { unreadable, afterReplay: true })))).toBe(true);
  });

  test('a key the installation never wrote must be absent', () => {
    expect(check(input([w(set('a', 1))], { 'i1/a': 1, 'i2/a': 1 })).foreign).toHaveLength(1);
  });
});
