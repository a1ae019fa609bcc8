import { expect, test } from 'vitest';
import { ALL_FEATURES } from '../../src/gen/history.js';
import { BASE_SEED, assertHistories } from '../properties/histories.js';

// Every shape of issue 10 on: explicit `at`, too-deep toJSON values, raw unreadable operations,
// manifests without the version entity, on top of the fault plan.
test('300 generated histories with every shape keep every guarantee', async () => {
  await expect(assertHistories(BASE_SEED + 2, 300, ALL_FEATURES)).resolves.toBeUndefined();
}, 900_000);
