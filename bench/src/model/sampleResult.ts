import type { RunResult } from './result.js';

/** A RunResult with every figure zero: tests of the tables and the report override what they need. */
export function sampleResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    scenario: 's', strategy: 'library', window: 'fixed', invocations: 0, gbSeconds: 0, pushes: 0, eventsPushed: 0, retries: 0, kvsRequests: 0,
    kvsReadUnits: 0, kvsWriteUnits: 0, kvsUnits: 0, rateLimited: 0, rateLimitedByCall: {}, requested: 0, applied: 0, deadLettered: 0, lost: 0,
    staleKeys: 0, lostToStale: 0, keys: 0, deadLetterRecords: 0, drainMs: 0, lowerBoundMs: 0, lowerBoundUnits: 0, drainRatio: 0, peakWriteUnitsPerMinute: 0,
    writeUnitsQuota: 0, minutes: [], wallMs: 0, peakRssMb: 0, notes: [], ...overrides,
  };
}
