import fc from 'fast-check';
import { expect } from 'vitest';
import { CI_LIMITS, historyArb } from '../../src/gen/history.js';
import { captureConsole, linesContaining } from '../../src/run/console.js';
import { runHistory } from '../../src/run/runHistory.js';
import { violations } from '../../src/run/verdict.js';
import { VALUE_MARKER_PREFIX } from '../../src/run/values.js';

/** Base seed; override with QS_SEED=<n> to explore, or set it to a failing run's seed to replay it. */
export const BASE_SEED = Number(process.env.QS_SEED ?? 20261128);

/**
 * Runs `numRuns` generated histories from `seed` on the emulator and fails with the shrunk,
 * smallest history that breaks a guarantee (fast-check prints its seed and path for replay).
 */
export async function assertHistories(seed: number, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(historyArb(CI_LIMITS), async (history) => {
      const capture = captureConsole();
      let problems: string[];
      try {
        const report = await runHistory(history);
        problems = violations(report);
        const leaks = linesContaining(capture.lines, VALUE_MARKER_PREFIX);
        if (leaks.length > 0) problems.push(`console printed stored values: ${leaks.length} line(s)`);
      } finally {
        capture.restore();
      }
      expect(problems).toEqual([]);
    }),
    { seed, numRuns },
  );
}
