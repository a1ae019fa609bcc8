import { expect, test } from 'vitest';
import { sampleResult } from '../model/sampleResult.js';
import { formatRateLimitedByCall, refusedCalls } from './benchTable.js';

test('429s per applied write by call kind: a column per kind refused anywhere, in a stable order', () => {
  const results = [
    sampleResult({ strategy: 'baseline', applied: 100, rateLimitedByCall: { push: 50, set: 10 } }),
    sampleResult({ strategy: 'library', applied: 200, rateLimitedByCall: { transaction: 2, batchGet: 1 } }),
  ];
  expect(refusedCalls(results)).toEqual(['batchGet', 'set', 'transaction', 'push']);
  const lines = formatRateLimitedByCall(results).split('\n');
  expect(lines[0]).toMatch(/^scenario\s+window\s+strategy\s+batchGet\s+set\s+transaction\s+push$/);
  expect(lines[2]).toMatch(/baseline\s+0\.000\s+0\.100\s+0\.000\s+0\.500$/);
  expect(lines[3]).toMatch(/library\s+0\.005\s+0\.000\s+0\.010\s+0\.000$/);
});
