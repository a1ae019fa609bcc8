import { Queue } from '@forge/events';
import type { PushEvent, QueueFactory, QueuePort } from '../ports.js';

interface FailedEventLike {
  payload?: unknown;
  event?: unknown;
}

function isPartialSuccess(error: unknown): error is { failedEvents?: FailedEventLike[] } {
  // The SDK's errors do not set `name`; the constructor name survives bundling only when not minified,
  // so also recognise the shape (`failedEvents` + `result.jobId`).
  if (typeof error !== 'object' || error === null) return false;
  return error.constructor.name === 'PartialSuccessError' || ('failedEvents' in error && 'result' in error);
}

/** QueuePort over the real `@forge/events` Queue (the default). */
export function forgeQueue(queueName: string): QueuePort {
  const queue = new Queue({ key: queueName });
  return {
    async push(events: PushEvent[]) {
      try {
        const { jobId } = await queue.push(events);
        return { jobId, failed: [] };
      } catch (error) {
        if (!isPartialSuccess(error)) throw error;
        const failedPayloads = (error.failedEvents ?? []).map((f) => f.payload ?? f.event);
        const failed = failedPayloads.map((p) => events.indexOf(p as PushEvent)).filter((i) => i >= 0);
        const result = (error as { result?: { jobId?: string } }).result;
        // A 202 without a usable list of failures: treat every event as failed (re-pushing is safe,
        // duplicates are idempotent for the consumer).
        const all = failed.length === 0 ? events.map((_, i) => i) : failed;
        return { jobId: result?.jobId ?? '', failed: all };
      }
    },
    getStats: (jobId) => queue.getJob(jobId).getStats(),
  };
}

export const forgeQueueFactory: QueueFactory = (name) => forgeQueue(name);
