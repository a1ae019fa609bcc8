import type { JobStats, QueuePort } from '../ports.js';

export interface Progress extends JobStats {
  /** Jobs whose stats could not be read (unknown job, or the call failed). */
  unknown: number;
  /** true when nothing is in progress or unknown. */
  done: boolean;
}

/** Sums `queue.getJob(jobId).getStats()` over the jobs of one or more receipts. */
export async function readProgress(queue: QueuePort, jobIds: readonly string[]): Promise<Progress> {
  const total: Progress = { success: 0, inProgress: 0, failed: 0, unknown: 0, done: false };
  for (const jobId of jobIds) {
    try {
      const s = await queue.getStats(jobId);
      total.success += s.success;
      total.inProgress += s.inProgress;
      total.failed += s.failed;
    } catch {
      total.unknown += 1;
    }
  }
  total.done = total.inProgress === 0 && total.unknown === 0;
  return total;
}
