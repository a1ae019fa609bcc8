import { expect, test } from 'vitest';
import { setNewest } from './bounded.js';

test('setNewest keeps the newest entries, a re-set key counting as new', () => {
  const m = new Map<string, number>();
  setNewest(m, 'a', 1, 2);
  setNewest(m, 'b', 2, 2);
  setNewest(m, 'a', 3, 2);
  setNewest(m, 'c', 4, 2);
  expect([...m.entries()]).toEqual([['a', 3], ['c', 4]]);
});
