import fc from 'fast-check';
import { expect } from 'vitest';
import { ALL_FEATURES, type Features, CI_LIMITS, historyArb } from '../../src/gen/history.js';
import { runAndJudge } from '../../src/run/judge.js';

/** Base seed; override with QS_SEED=<n> to explore, or set it to a failing run's seed to replay it. */
export const BASE_SEED = Number(process.env.QS_SEED ?? 20261128);

/**
 * The shapes CI's 1,000 histories draw. Issue 10's shapes (ALL_FEATURES) break the library before its
 * fixes; they run in test/regressions/ (vitest.regressions.config.ts) until then.
 */
export const CI_FEATURES: Features = ALL_FEATURES;

/**
 * Runs `numRuns` generated histories from `seed` on the emulator and fails with the shrunk,
 * smallest history that breaks a guarantee (fast-check prints its seed and path for replay).
 */
export async function assertHistories(seed: number, numRuns: number, features?: Features): Promise<void> {
  await fc.assert(
    fc.asyncProperty(historyArb({ ...CI_LIMITS, ...(features === undefined ? {} : { features }) }), async (history) => {
      expect((await runAndJudge(history)).problems).toEqual([]);
    }),
    { seed, numRuns },
  );
}
