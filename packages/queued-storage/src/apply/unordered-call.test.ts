import { describe, expect, test } from 'vitest';
import { chooseUnorderedCall, type UnorderedCall } from './unordered-call.js';

describe('chooseUnorderedCall', () => {
  const table: Array<[string, number, boolean | undefined, UnorderedCall, number]> = [
    // [case, keys, budget (undefined: none kept), call, batch operations taken]
    ['one key, no budget (as before: a batch)', 1, undefined, 'batch', 0],
    ['one key, budget free', 1, true, 'single', 0],
    ['one key, budget spent', 1, false, 'single', 0],
    ['several keys, no budget', 2, undefined, 'batch', 0],
    ['several keys, budget free', 2, true, 'batch', 1],
    ['several keys, budget spent', 2, false, 'transaction', 1],
    ['a full group, budget free', 25, true, 'batch', 1],
    ['a full group, budget spent', 25, false, 'transaction', 1],
  ];
  test.each(table)('%s', (_, keys, budget, call, asked) => {
    let asks = 0;
    const take = budget === undefined ? undefined : () => { asks += 1; return budget; };
    expect(chooseUnorderedCall(keys, take)).toBe(call);
    expect(asks).toBe(asked);
  });
});
