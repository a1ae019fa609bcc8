import { expect, test } from 'vitest';
import { BASE_SEED, CI_FEATURES, assertHistories } from './histories.js';

test('500 generated fault histories keep every guarantee (second half)', async () => {
  await expect(assertHistories(BASE_SEED + 1, 500, CI_FEATURES)).resolves.toBeUndefined();
}, 600_000);
