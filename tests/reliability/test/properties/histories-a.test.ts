import { expect, test } from 'vitest';
import { BASE_SEED, CI_FEATURES, assertHistories } from './histories.js';

// Two files of 500 so vitest spreads the 1,000 histories over both cores.
test('500 generated fault histories keep every guarantee (first half)', async () => {
  await expect(assertHistories(BASE_SEED, 500, CI_FEATURES)).resolves.toBeUndefined();
}, 600_000);
