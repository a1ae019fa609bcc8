import { expect, test } from 'vitest';
import { DEFAULT_QUOTAS, scaleKvsQuotas, unitsFor } from './quotas.js';

test.each([
  [0, 1],
  [1, 1],
  [10_240, 1],
  [10_241, 2],
  [25_600, 3],
])('%i bytes cost %i units', (bytes, units) => {
  expect(unitsFor(bytes)).toBe(units);
});

test('scaling touches the KVS quotas only', () => {
  const scaled = scaleKvsQuotas(DEFAULT_QUOTAS, 0.1);
  expect(scaled.kvsWriteUnitsPerMinute).toBe(400);
  expect(scaled.kvsRequestsPerSecond).toBe(100);
  expect(scaled.pushEventsPerMinute).toBe(DEFAULT_QUOTAS.pushEventsPerMinute);
});
