import type { EventJob } from '../events/jobs.js';
import type { InstallationState } from '../installation-state.js';

/** One event on its way to a consumer or trigger, across attempts. */
export interface Delivery {
  eventId: string;
  jobId: string | undefined;
  job: EventJob | undefined;
  inst: InstallationState;
  kind: 'consumer' | 'trigger';
  functionKey: string;
  /** v1 resolver method, for `resolver: { function, method }` consumers. */
  method: string | undefined;
  queueName: string | undefined;
  /** Consumer: the pushed body. Trigger: the product event payload. */
  body: Record<string, unknown>;
  /** Number of retries so far (0 on the first attempt). */
  retryCount: number;
  enqueuedAt: number;
  retryReason: string | undefined;
  retryData: unknown;
  concurrency: { key: string; limit: number } | undefined;
  /** `delayInSeconds` of the push, handed to the consumer as given. */
  delayInSeconds?: number;
  /** The user the invocation that caused this delivery acted for (context.principal of the handler). */
  accountId?: string;
  /** Retries the platform makes at most for this delivery (overrides the kind's cap; scheduled triggers: 0). */
  retryCap?: number;
  /** Times a concurrency-held delivery has been retried by the platform (backoff 4-16 s). */
  heldRetries?: number;
  /** Pushes made along this chain of invocations (cyclic limit). */
  chain: { count: number };
  state: 'delayed' | 'retrying' | 'ready' | 'held' | 'inflight' | 'done';
  /** A duplicate delivery (faults.duplicateRate): does not touch job stats. */
  duplicate: boolean;
}
