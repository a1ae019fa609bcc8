import { describe, expect, test } from 'vitest';
import { check, isClean, type CheckInput } from '../src/model/check.js';
import { expectations } from '../src/model/model.js';
import type { IssuedWrite, Write } from '../src/model/ops.js';

let seq = 0;
const w = (write: Write, accepted = true, installation = 'i1'): IssuedWrite => ({ seq: seq++, installation, write, accepted });
const set = (key: string, value: unknown): Write => ({ kind: 'set', key, value });
const del = (key: string): Write => ({ kind: 'delete', key });

function input(writes: IssuedWrite[], store: Record<string, unknown>, extra: Partial<CheckInput> = {}): CheckInput {
  return {
    writes,
    ordered: true,
    installations: ['i1', 'i2'],
    keySpace: ['a', 'b'],
    read: (installation, key) => store[`${installation}/${key}`],
    deadLetters: [],
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
    const dl = [{ installation: 'i1', id: 'd1', reason: 'retry cap', keys: ['a'] }];
    expect(isClean(check(input([w(set('a', 1))], {}, { deadLetters: dl })))).toBe(true);
    expect(check(input([w(set('a', 1))], {}, { deadLetters: dl, afterReplay: true })).lost).toHaveLength(1);
  });

  test('a dead letter without a reason is flagged', () => {
    const dl = [{ installation: 'i1', id: 'd1', reason: ' ', keys: ['a'] }];
    expect(check(input([w(set('a', 1))], {}, { deadLetters: dl })).unexplained).toHaveLength(1);
  });

  test('a key the installation never wrote must be absent', () => {
    expect(check(input([w(set('a', 1))], { 'i1/a': 1, 'i2/a': 1 })).foreign).toHaveLength(1);
  });
});
