/**
 * Pure policy: how a retriable trigger invocation hands its writes over, given the quota estimates.
 * A trigger is its own runtime call and must spend at least one write unit for its writes, whoever
 * makes the call: writing them itself (one transaction of its keys) costs that unit and nothing
 * else, while a push costs a push slot, a consumer invocation and the same unit later. So a trigger
 * writes directly at a write-unit slot; when none is free now it books the next one (first come,
 * first served at the refill rate) and returns for a platform retry timed to it (`retryAfter`,
 * the slot carried in `retryData`), instead of probing a spent quota or sleeping in place. Pushing
 * is the hand-over of the last retries: the event (delayed to the booked slot) has a consumer's
 * retries and dead letters behind it, where a trigger has only the platform's retry cap.
 */
export interface TriggerFacts {
  now: number;
  /** The invocation must be done by then. */
  deadline: number;
  /** Platform retries still possible after this attempt (product triggers: 4 - retryCount). */
  retriesLeft: number;
  /** A write-unit slot booked by an earlier attempt (carried in retryData), if any. */
  bookedAt?: number | undefined;
  /** Whether the estimate has room for this flush's units now (no refusal block, the window not full), bookings aside. */
  unitsRoomNow: boolean;
  /** The first moment the estimate has write units free for this flush, after the slots booked by others. */
  unitSlotAt: number;
  /** Whether the push quota is expected to take an event now. */
  pushFree: boolean;
  /** Longest in-place wait (ms) worth an invocation's time (quotaWaitMs). */
  maxWaitMs: number;
}

/** Longest `retryAfter` the platform takes (seconds), and so the furthest a retry can be timed. */
export const MAX_RETRY_AFTER_MS = 900_000;
/** From this many retries left down, a refused trigger pushes (delayed to its slot) when it can, rather than return. */
export const PUSH_WHEN_RETRIES_LEFT = 2;

export type TriggerPlan =
  /** Write directly at `at` (now, or after a short wait); `book` when the slot is not yet booked. */
  | { kind: 'direct'; at: number; book: boolean }
  /** Come back at the slot (booked now when `book`): a platform retry after `retryAfterMs`. */
  | { kind: 'later'; retryAfterMs: number; slotAt: number; book: boolean }
  /** Push now, the event delayed to the booked write-unit slot. */
  | { kind: 'push'; delayMs: number; slotAt: number }
  /** Last attempt, nothing free now: push or write at the first opening before the deadline. */
  | { kind: 'wait' };

export function planTrigger(f: TriggerFacts): TriggerPlan {
  const { now } = f;
  // A booked slot that is due: the units were kept for this work (unless a refusal since says the window is full).
  if (f.bookedAt !== undefined && f.unitsRoomNow && f.bookedAt <= now + f.maxWaitMs) {
    return { kind: 'direct', at: Math.max(now, f.bookedAt), book: false };
  }
  const slotAt = Math.max(now, f.unitSlotAt);
  if (slotAt <= now + f.maxWaitMs && slotAt <= f.deadline) return { kind: 'direct', at: slotAt, book: slotAt > now };
  const bookable = slotAt - now <= MAX_RETRY_AFTER_MS;
  if (f.retriesLeft > PUSH_WHEN_RETRIES_LEFT) {
    return { kind: 'later', retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, slotAt - now), slotAt, book: bookable };
  }
  if (f.pushFree) return { kind: 'push', delayMs: Math.min(MAX_RETRY_AFTER_MS, slotAt - now), slotAt };
  if (f.retriesLeft > 0) return { kind: 'later', retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, slotAt - now), slotAt, book: bookable };
  return { kind: 'wait' };
}
