import type { RunResult } from '../model/result.js';
import { sampleResult } from '../model/sampleResult.js';
import type { MinuteFigures } from '../model/timeline.js';

/**
 * A small generated benchmark (two scenarios x both window models x both strategies, a few minutes
 * each): the HTML report's tests render it instead of running the matrix.
 */
export function sampleBenchResults(): RunResult[] {
  const minutes = (count: number, quota: number, refused: number): MinuteFigures[] =>
    Array.from({ length: count }, (_, i) => ({
      writeUnits: Math.round(quota * (i < count - 1 ? 0.9 : 0.3)),
      readUnits: 5,
      rateLimited: Math.max(0, refused - i * 10),
      pendingWrites: Math.round(1000 * (1 - (i + 1) / count)),
    }));
  return ['bulk-import', 'throttled'].flatMap((scenario) =>
    (['fixed', 'sliding'] as const).flatMap((window) => {
      const quota = scenario === 'throttled' ? 400 : 4000;
      return [
        sampleResult({ scenario, window, strategy: 'baseline', requested: 1000, applied: 700, lost: 300, rateLimited: 900, writeUnitsQuota: quota, drainMs: 300_000, lowerBoundMs: 60_000, drainRatio: 5, gbSeconds: 50, minutes: minutes(5, quota, 40) }),
        sampleResult({ scenario, window, strategy: 'library', requested: 1000, applied: 1000, rateLimited: 20, writeUnitsQuota: quota, drainMs: 90_000, lowerBoundMs: 60_000, drainRatio: 1.5, gbSeconds: 20, minutes: minutes(2, quota, 15) }),
      ];
    }),
  );
}
