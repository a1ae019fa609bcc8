// Recent consumer outcomes for the admin page, counted without a KVS write per event.
//
// Each consumer instance (a warm Forge function container) counts the outcomes it handles in memory
// and writes one sample record per flush: at most one write a minute while events flow, plus one
// right away when something was dead-lettered (the case an administrator must see). A record lives
// an hour (TTL); the overview sums the records it finds. Counts since an instance's last flush are not
// visible yet (at most a minute of them), and an instance that is recycled before flushing loses its
// trailing counts: these are operator statistics, not the ledger (dead letters are the ledger).
import type { ConsumerOutcome } from '@forge-queue/queued-storage';

export const OUTCOME_PREFIX = 'admin:outcomes:';
const FLUSH_EVERY_MS = 60_000;
const MAX_JOBS = 20;

export interface OutcomeCounts {
  /** Consumer invocations by outcome. */
  ok: number;
  retry: number;
  redrive: number;
  deadLetter: number;
  malformed: number;
  /** Operations applied to KVS / dead-lettered. */
  applied: number;
  deadLettered: number;
}

/** One flushed sample: the counts of one instance between two flushes, and the jobs it saw. */
export interface OutcomeSample extends OutcomeCounts {
  fromMs: number;
  toMs: number;
  jobIds: string[];
}

export const emptyCounts = (): OutcomeCounts => ({ ok: 0, retry: 0, redrive: 0, deadLetter: 0, malformed: 0, applied: 0, deadLettered: 0 });

const KEY_BY_OUTCOME: Record<ConsumerOutcome['outcome'], keyof OutcomeCounts> = {
  ok: 'ok', retry: 'retry', redrive: 'redrive', 'dead-letter': 'deadLetter', malformed: 'malformed',
};

/** Adds `b` into `a` (pure on its inputs but `a`). */
export function addCounts(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  for (const k of Object.keys(a) as Array<keyof OutcomeCounts>) a[k] += b[k];
  return a;
}

/** The write port: `kvs.set` with a TTL (the real `@forge/kvs` in the app). */
export type SampleWriter = (key: string, sample: OutcomeSample, ttlSeconds: number) => Promise<unknown>;

export interface OutcomeStatsOptions {
  write: SampleWriter;
  now?: () => number;
  /** Tells instances apart in sample keys. */
  instanceId: string;
  flushEveryMs?: number;
}

/** Counts outcomes in memory and flushes them as sampled records (see the file comment). */
export class OutcomeStats {
  private counts = emptyCounts();
  private jobIds = new Set<string>();
  private fromMs: number | undefined;
  private lastFlushMs = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;
  private readonly flushEveryMs: number;

  constructor(private readonly options: OutcomeStatsOptions) {
    this.now = options.now ?? Date.now;
    this.flushEveryMs = options.flushEveryMs ?? FLUSH_EVERY_MS;
  }

  /** The consumer's `onOutcome`: counts, and flushes when a minute has passed or something died. */
  async record(outcome: ConsumerOutcome): Promise<void> {
    const now = this.now();
    this.fromMs ??= now;
    const c = this.counts;
    c[KEY_BY_OUTCOME[outcome.outcome]] += 1;
    c.applied += outcome.applied;
    c.deadLettered += outcome.deadLettered;
    if (outcome.jobId !== undefined && this.jobIds.size < MAX_JOBS) this.jobIds.add(outcome.jobId);
    if (outcome.deadLettered > 0 || outcome.outcome === 'malformed' || now - this.lastFlushMs >= this.flushEveryMs) await this.flush(now);
  }

  /** Writes what was counted since the last flush; on failure keeps it for the next one. */
  async flush(now = this.now()): Promise<void> {
    if (this.fromMs === undefined) return;
    const sample: OutcomeSample = { ...this.counts, fromMs: this.fromMs, toMs: now, jobIds: [...this.jobIds] };
    this.counts = emptyCounts();
    this.jobIds = new Set();
    this.fromMs = undefined;
    this.lastFlushMs = now;
    try {
      await this.options.write(sampleKey(now, this.options.instanceId), sample, 3600);
    } catch {
      // Throttled or failing storage: keep the counts for the next flush (statistics, not the ledger).
      addCounts(this.counts, sample);
      for (const id of sample.jobIds) if (this.jobIds.size < MAX_JOBS) this.jobIds.add(id);
      // Outcomes recorded while the write was in flight may have set fromMs again.
      const since = this.fromMs as number | undefined;
      this.fromMs = since === undefined ? sample.fromMs : Math.min(sample.fromMs, since);
    }
  }
}

/** Time-ordered keys: `admin:outcomes:<ms, base 36, padded>-<instance>`. */
export function sampleKey(nowMs: number, instanceId: string): string {
  return `${OUTCOME_PREFIX}${Math.floor(nowMs).toString(36).padStart(9, '0')}-${instanceId}`;
}

export function isOutcomeSample(value: unknown): value is OutcomeSample {
  return typeof value === 'object' && value !== null && typeof (value as OutcomeSample).toMs === 'number' && Array.isArray((value as OutcomeSample).jobIds);
}
