import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RunResult } from '../src/model/result.js';
import { BACKFILL, BULK_IMPORT, HOT_KEYS, LARGE_SYNC, shrink, THROTTLED } from '../src/scenarios/definitions.js';
import type { Scenario, StrategyName } from '../src/scenarios/types.js';
import { captureConsole } from '../src/run/captureConsole.js';
import { runStrategy } from '../src/run/runStrategy.js';

// The apps and the library log a line per event and delivery.
let quiet: ReturnType<typeof captureConsole> | undefined;
beforeEach(() => {
  quiet = captureConsole();
});
afterEach(() => {
  quiet?.restore();
});

/** The summary invariants: every write accounted for once, no minute over the write quota. */
function invariants(result: RunResult): Record<string, boolean> {
  return {
    accounted: result.applied + result.deadLettered + result.lost === result.requested,
    metered: result.peakWriteUnitsPerMinute > 0,
    underQuota: result.peakWriteUnitsPerMinute <= result.writeUnitsQuota,
    drained: result.drainMs > 0,
  };
}

// Small loads: the throttled one (400 write units a minute, 5 % KVS 5xx) still overruns its quota.
const cases: Array<{ scenario: Scenario; writes: number }> = [
  { scenario: shrink(BULK_IMPORT, 50), writes: 200 },
  { scenario: shrink(THROTTLED, 10), writes: 1000 },
  { scenario: shrink(LARGE_SYNC, 40), writes: 250 },
  { scenario: shrink(HOT_KEYS, 20), writes: 250 },
  // 500 fixture issues, 5 search pages: the library side goes through the Jira app's admin resolver.
  { scenario: shrink(BACKFILL, 100), writes: 500 },
];
const strategies: StrategyName[] = ['baseline', 'library'];

describe.each(strategies)('%s on the emulator', (strategy) => {
  test.each(cases)('$scenario.name keeps the summary invariants', async ({ scenario, writes }) => {
    const result = await runStrategy(scenario, strategy, { seed: 5 });
    expect(result.requested).toBe(writes);
    expect(invariants(result)).toEqual({ accounted: true, metered: true, underQuota: true, drained: true });
  }, 60_000);
});

test.each(cases)('the library loses nothing and leaves nothing stale in $scenario.name', async ({ scenario }) => {
  const result = await runStrategy(scenario, 'library', { seed: 6 });
  expect(result).toMatchObject({ lost: 0, staleKeys: 0 });
  expect(result.applied + result.deadLettered).toBe(result.requested);
}, 60_000);

test('the baseline loses writes once its pushes overrun the push quota (reported, not hidden)', async () => {
  const result = await runStrategy(shrink(LARGE_SYNC, 10), 'baseline', { seed: 5 });
  expect(result.requested).toBe(1000);
  expect(result.lost).toBe(500);
  expect(result.notes.join(' ')).toMatch(/producer call failed/);
}, 60_000);
