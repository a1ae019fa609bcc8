/** One consumer invocation, as logged (one line) and handed to `onOutcome`. Never holds values. */
export interface ConsumerOutcome {
  /**
   * ok: everything settled; retry: InvocationError returned; redrive: pushed again as a fresh event;
   * dead-letter: some operations were dead-lettered and nothing is left to retry; malformed: the
   * body was dead-lettered unread.
   */
  outcome: 'ok' | 'retry' | 'redrive' | 'dead-letter' | 'malformed';
  queue: string;
  eventId?: string | undefined;
  jobId?: string | undefined;
  /** Id of the event body (kept in dead letters). */
  batchId?: string | undefined;
  /** 1-based attempt over all lives of the event. */
  attempt: number;
  /** The platform's retry count for this delivery. */
  retryCount: number;
  operations: number;
  applied: number;
  stale: number;
  deadLettered: number;
  /** Operations still to do after this invocation. */
  pending: number;
  reads: number;
  writes: number;
  retryAfterSeconds?: number | undefined;
  redriveDelaySeconds?: number | undefined;
  lastError?: string | undefined;
  deadLetterIds?: string[] | undefined;
  /**
   * This delivery repeated a life of the event that this consumer instance had already ended (a
   * duplicate delivery, or a retry after a timeout): acknowledged without work. `settled`: its
   * operations were applied, stale or dead-lettered; `redriven`: a successor event carries them.
   */
  duplicate?: 'settled' | 'redriven' | undefined;
  durationMs: number;
}

export interface Delivery {
  body: unknown;
  retryContext?: unknown;
  queueName?: string | undefined;
  jobId?: string | undefined;
  eventId?: string | undefined;
}

export interface RetryContextInfo {
  retryCount: number;
  retryData: unknown;
  retentionRemainingMs: number | undefined;
  /** `retentionWindow.startTime` as epoch ms, when given. */
  retentionStartMs: number | undefined;
}

/** Reads `retryContext` defensively (shape differs between consumer forms and versions). */
export function readRetryContext(rc: unknown): RetryContextInfo {
  if (typeof rc !== 'object' || rc === null) return { retryCount: 0, retryData: undefined, retentionRemainingMs: undefined, retentionStartMs: undefined };
  const r = rc as Record<string, unknown>;
  const window = r.retentionWindow as Record<string, unknown> | undefined;
  const remaining = typeof window === 'object' && typeof window.remainingTimeMs === 'number' ? window.remainingTimeMs : undefined;
  const start = typeof window === 'object' && typeof window.startTime === 'string' ? Date.parse(window.startTime) : NaN;
  return {
    retryCount: typeof r.retryCount === 'number' && r.retryCount >= 0 ? Math.floor(r.retryCount) : 0,
    retryData: r.retryData,
    retentionRemainingMs: remaining,
    retentionStartMs: Number.isFinite(start) ? start : undefined,
  };
}
