import type { Quotas } from '../model/quotas.js';

/** Seeded fault switches handed to the emulator (`EmulatorOptions.faults`). */
export interface FaultSpec {
  /** Probability that a KVS request answers a random 5xx. */
  kvs5xxRate?: number;
  /** Probability that a push answers a random 5xx. */
  push5xxRate?: number;
  /** Probability that a delivered event is delivered twice. */
  duplicateRate?: number;
  /** Probability that an invocation hangs until its timeout. */
  timeoutRate?: number;
  /** Share of ready events taken in a seeded random order. */
  reorder?: number;
  /** Probability that each event of a push fails (PartialSuccessError). */
  pushPartialFailureRate?: number;
}

export type Workload =
  | { kind: 'issue-import'; issues: number; windowMs: number }
  | { kind: 'page-import'; pages: number; windowMs: number }
  | { kind: 'single-job-sync'; keys: number; valueBytes: number }
  | { kind: 'hot-keys'; updates: number; keys: number; invocations: number; windowMs: number }
  /** An administrator starts the backfill of the fixture site's `issues` existing issues. */
  | { kind: 'backfill'; issues: number };

export type RatioMetric = 'kvsUnits' | 'invocations' | 'pushes';

export type Target =
  | { kind: 'zero'; metric: 'lost' | 'staleKeys' }
  /** drain <= max x LB, or (with `slackMs`) drain <= LB + slackMs, whichever is looser. */
  | { kind: 'drain-vs-lower-bound'; max: number; slackMs?: number }
  | { kind: 'ratio'; metric: RatioMetric; max: number; label: string }
  /** 429s (KVS + push) per applied write. */
  | { kind: '429-per-write'; max: number }
  /** The library's total GB-seconds at most `max` times the baseline's total. */
  | { kind: 'gb-seconds-vs-baseline'; max: number };

export interface Scenario {
  name: string;
  title: string;
  workload: Workload;
  /** KVS quotas are multiplied by this (1 = documented defaults). */
  kvsQuotaFactor: number;
  quotas?: Partial<Quotas>;
  faults?: FaultSpec;
  /** Targets for the library (ratios are library / baseline). Printed, not asserted. */
  targets: Target[];
}

export type StrategyName = 'baseline' | 'library';

/** How the emulator counts per-second and per-minute quotas (`EmulatorOptions.quotaWindow`). */
export type QuotaWindow = 'fixed' | 'sliding';

export const QUOTA_WINDOWS: readonly QuotaWindow[] = ['fixed', 'sliding'];
