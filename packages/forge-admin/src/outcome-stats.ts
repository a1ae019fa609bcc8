// Recent consumer outcomes for the admin page, counted without a KVS write per event.
//
// Each consumer instance (a warm Forge function container) counts the outcomes it handles in memory
// and writes one sample record per flush: at most one write a minute while events flow, plus one
// right away when something was dead-lettered (the case an administrator must see). Counts are kept
// per installation (a warm runtime may serve several). A record lives
// an hour (TTL); the overview sums the records it finds. Counts since an instance's last flush are not
// visible yet (at most a minute of them), and an instance that is recycled before flushing loses its
// trailing counts: these are operator statistics, not the ledger (dead letters are the ledger).
import type { ConsumerOutcome } from '@forge-queue/queued-storage';

export const OUTCOME_PREFIX = 'admin:outcomes:';
const FLUSH_EVERY_MS = 60_000;
/** After a failed flush (storage throttled), the next outcome tries again this much later. */
const RETRY_FLUSH_MS = 5_000;
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
  /** The installation an outcome belongs to: counts are kept apart per installation. Default: one scope. */
  scope?: () => string;
  flushEveryMs?: number;
}

/** What one installation counted since its last flush. */
interface Tally {
  counts: OutcomeCounts;
  jobIds: Set<string>;
  fromMs: number | undefined;
  lastFlushMs: number;
}

const newTally = (): Tally => ({ counts: emptyCounts(), jobIds: new Set(), fromMs: undefined, lastFlushMs: Number.NEGATIVE_INFINITY });

/** Counts outcomes in memory, per installation, and flushes them as sampled records (see the file comment). */
export class OutcomeStats {
  private readonly tallies = new Map<string, Tally>();
  private readonly now: () => number;
  private readonly scope: () => string;
  private readonly flushEveryMs: number;

  constructor(private readonly options: OutcomeStatsOptions) {
    this.now = options.now ?? (() => Date.now()); // read at call time: the platform (or the emulator) may patch Date
    this.scope = options.scope ?? (() => 'default');
    this.flushEveryMs = options.flushEveryMs ?? FLUSH_EVERY_MS;
  }

  private tally(): Tally {
    const key = this.scope();
    let t = this.tallies.get(key);
    if (t === undefined) this.tallies.set(key, (t = newTally()));
    return t;
  }

  /** The consumer's `onOutcome`: counts, and flushes when a minute has passed or something died. */
  async record(outcome: ConsumerOutcome): Promise<void> {
    const now = this.now();
    const t = this.tally();
    t.fromMs ??= now;
    const c = t.counts;
    c[KEY_BY_OUTCOME[outcome.outcome]] += 1;
    c.applied += outcome.applied;
    c.deadLettered += outcome.deadLettered;
    if (outcome.jobId !== undefined && t.jobIds.size < MAX_JOBS) t.jobIds.add(outcome.jobId);
    // A clock that went back (another environment, tests) counts as a minute passed.
    const due = now - t.lastFlushMs >= this.flushEveryMs || now < t.lastFlushMs;
    if (outcome.deadLettered > 0 || outcome.outcome === 'malformed' || due) await this.flush(t, now);
  }

  /** Writes what `t` counted since its last flush; on failure keeps it for a flush a little later. */
  private async flush(t: Tally, now: number): Promise<void> {
    if (t.fromMs === undefined) return;
    const sample: OutcomeSample = { ...t.counts, fromMs: t.fromMs, toMs: now, jobIds: [...t.jobIds] };
    t.counts = emptyCounts();
    t.jobIds = new Set();
    t.fromMs = undefined;
    t.lastFlushMs = now;
    try {
      await this.options.write(sampleKey(now, this.options.instanceId), sample, 3600);
    } catch {
      // Throttled or failing storage: statistics, not the ledger; merge back and try again soon.
      t.lastFlushMs = now - this.flushEveryMs + RETRY_FLUSH_MS;
      addCounts(t.counts, sample);
      for (const id of sample.jobIds) if (t.jobIds.size < MAX_JOBS) t.jobIds.add(id);
      const since = t.fromMs as number | undefined; // outcomes recorded during the write may have set it
      t.fromMs = since === undefined ? sample.fromMs : Math.min(sample.fromMs, since);
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
