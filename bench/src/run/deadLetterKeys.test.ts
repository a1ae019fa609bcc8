import { expect, test } from 'vitest';
import { deadLetterKeysOf } from './deadLetterKeys.js';

test.each([
  [[{ id: '1', key: 'a' }], ['a']],
  [[{ id: '1', writes: [{ key: 'a' }, { key: 'b' }] }], ['a', 'b']],
  [{ items: [{ id: 'x', ops: [{ op: 'set', key: 'c' }] }] }, ['c']],
  [[], []],
  [undefined, []],
])('keys of %j', (records, keys) => {
  expect([...deadLetterKeysOf(records)].sort()).toEqual(keys);
});
