// The queue overview the admin page shows: recent consumer outcomes (summed samples), the jobs those
// samples saw with their progress (`queue.getJob(id).getStats()` through the library), and how many
// dead letters wait.
import type { DeadLetters, QueuedStorage } from '@forge-queue/queued-storage';
import { kvs, WhereConditions } from '@forge/kvs';
import { addCounts, emptyCounts, isOutcomeSample, OUTCOME_PREFIX, type OutcomeCounts, type OutcomeSample } from './outcome-stats.js';

const MAX_SAMPLE_PAGES = 5;
const MAX_JOBS_SHOWN = 10;

export interface JobProgress {
  jobId: string;
  success: number;
  inProgress: number;
  failed: number;
  /** 0..1, or undefined when the job has no events. */
  done: number | undefined;
}

export interface Overview {
  /** Sums of the samples found (the last hour: samples expire after one). */
  outcomes: OutcomeCounts;
  samples: number;
  /** Time of the newest sample (counts after it are not flushed yet), or undefined. */
  countedUntilMs: number | undefined;
  /** Jobs seen in the newest samples that the platform still knows, newest first. */
  jobs: JobProgress[];
  /** Dead letters waiting (capped at `deadLettersCapped`). */
  deadLetters: number;
  deadLettersCapped: boolean;
}

async function readSamples(): Promise<OutcomeSample[]> {
  const samples: OutcomeSample[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_SAMPLE_PAGES; page++) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(OUTCOME_PREFIX)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const result = await query.getMany<unknown>();
    for (const r of result.results) if (isOutcomeSample(r.value)) samples.push(r.value);
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return samples.sort((a, b) => b.toMs - a.toMs);
}

/** Newest first, each job once, at most `max`. */
export function recentJobIds(samples: readonly OutcomeSample[], max = MAX_JOBS_SHOWN): string[] {
  const ids: string[] = [];
  for (const s of samples) for (const id of s.jobIds) if (!ids.includes(id) && ids.length < max) ids.push(id);
  return ids;
}

export async function readOverview(storage: QueuedStorage, letters: DeadLetters): Promise<Overview> {
  const samples = await readSamples();
  const outcomes = samples.reduce((sum, s) => addCounts(sum, s), emptyCounts());
  const jobs: JobProgress[] = [];
  for (const jobId of recentJobIds(samples)) {
    const p = await storage.progress([jobId]);
    const total = p.success + p.inProgress + p.failed;
    if (p.unknown > 0) continue; // the platform no longer knows the job
    jobs.push({ jobId, success: p.success, inProgress: p.inProgress, failed: p.failed, done: total === 0 ? undefined : (p.success + p.failed) / total });
  }
  const page = await letters.list({ limit: 100 });
  return {
    outcomes,
    samples: samples.length,
    countedUntilMs: samples[0]?.toMs,
    jobs,
    deadLetters: page.items.length,
    deadLettersCapped: page.nextCursor !== undefined,
  };
}
