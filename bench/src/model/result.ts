import type { WriteOutcome } from './outcome.js';
import type { MinuteFigures } from './timeline.js';

/** Metered counters of one installation (the emulator's InstallationMetrics subset we report). */
export interface Meters {
  invocations: number;
  gbSeconds: number;
  pushes: number;
  eventsPushed: number;
  retries: number;
  kvsRequests: number;
  kvsReadUnits: number;
  kvsWriteUnits: number;
  rateLimited: number;
  /** `rateLimited` split by what was refused (the emulator's RateLimitedCall: get, set, batchGet, transaction, push, invocation, ...). */
  rateLimitedByCall: Partial<Record<string, number>>;
}

/** One strategy's figures for one scenario. */
export interface RunResult extends Meters, WriteOutcome {
  scenario: string;
  strategy: string;
  /** Quota window model the run used. */
  window: 'fixed' | 'sliding';
  /** kvsReadUnits + kvsWriteUnits. */
  kvsUnits: number;
  /** Dead-letter records listed by the library (0 for the baseline, which has none). */
  deadLetterRecords: number;
  /** Virtual ms from the first event to the last completed delivery. */
  drainMs: number;
  lowerBoundMs: number;
  /** Write units of the lower bound's minimal plan. */
  lowerBoundUnits: number;
  /** drainMs / lowerBoundMs. */
  drainRatio: number;
  /** Highest KVS write units metered in any one virtual minute. */
  peakWriteUnitsPerMinute: number;
  writeUnitsQuota: number;
  /** Per virtual minute: units, 429s, writes pending at its end (the HTML report's charts). */
  minutes: MinuteFigures[];
  wallMs: number;
  peakRssMb: number;
  /** Anything odd worth printing under the table (e.g. producer errors). */
  notes: string[];
}
