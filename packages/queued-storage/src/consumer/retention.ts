/**
 * The platform's retention window is only told on retries (`retryContext.retentionWindow`); a first
 * delivery (including every re-driven event's) does not carry it. The consumer learns the window's
 * length from any retry it sees, so first deliveries plan their retry inside the real window instead
 * of the assumed `retentionMs` (24 h by default).
 */
export interface RetentionMemory {
  /** Shortest window length seen in a retryContext, ms. */
  learnedMs: number | undefined;
}

/** Window length from one retryContext: remaining time plus the time since the window started. */
export function windowLength(remainingMs: number | undefined, startMs: number | undefined, nowMs: number): number | undefined {
  if (remainingMs === undefined || startMs === undefined) return undefined;
  const length = remainingMs + Math.max(0, nowMs - startMs);
  return Number.isFinite(length) && length > 0 ? length : undefined;
}

/** Records a window length (the shortest one wins: a too-short guess costs a re-drive, a too-long one a drop). */
export function learnWindow(memory: RetentionMemory, lengthMs: number | undefined): void {
  if (lengthMs !== undefined) memory.learnedMs = Math.min(memory.learnedMs ?? Infinity, lengthMs);
}

/**
 * Time left before the platform drops this life of the event: the platform's figure when given,
 * else the window (learned, or `assumedMs`) minus the time since this life was pushed.
 */
export function retentionRemaining(input: { toldMs: number | undefined; assumedMs: number; learnedMs: number | undefined; pushedAt: number; now: number }): number {
  const windowMs = Math.min(input.assumedMs, input.learnedMs ?? Infinity);
  const estimate = windowMs - Math.max(0, input.now - input.pushedAt);
  return Math.min(input.toldMs ?? Infinity, estimate);
}
