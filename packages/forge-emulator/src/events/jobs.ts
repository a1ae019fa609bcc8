/** A pushed job (one push = one jobId) and its per-event progress, for getStats/cancel. */
export class EventJob {
  success = 0;
  failed = 0;
  cancelled = false;

  constructor(readonly id: string, readonly queueName: string, public total: number) {}

  stats(): { success: number; inProgress: number; failed: number } {
    return { success: this.success, inProgress: Math.max(0, this.total - this.success - this.failed), failed: this.failed };
  }
}
