import type { Failure } from '../classify.js';
import { deadLetterId, rawText, type DeadLetter, type DeadLetterReason } from '../dead-letters/record.js';
import type { EventBody, InvalidOperation } from '../format.js';
import type { Operation } from '../operation.js';

/**
 * What one delivery has to settle, readable or not, and how much of it is settled so far. A body the
 * consumer cannot read is work with no operations and a `malformed` part: the same steps settle it.
 */
export interface Work {
  /** The event (a stand-in with no operations when the body could not be read). */
  body: EventBody;
  /** Indexes into `body.ops` that are applied, stale or dead-lettered. */
  settled: Set<number>;
  /** Permanent failures (index into `body.ops`) whose dead letter is not stored yet. */
  failed: Map<number, Failure>;
  /** Operations the consumer cannot read, as received; cleared once dead-lettered. */
  unreadable: InvalidOperation[];
  /** The whole body could not be read: why, and its text; cleared once dead-lettered. */
  malformed: { reason: string; raw: string } | undefined;
}

/** Readable operations neither settled nor failed for good. */
export const pendingOf = (w: Work): number[] => w.body.ops.map((_, i) => i).filter((i) => !w.settled.has(i) && !w.failed.has(i));

/** Operations still to settle, failed ones included (what a re-drive or a final dead letter carries). */
export const outstandingOps = (w: Work): number[] => w.body.ops.map((_, i) => i).filter((i) => !w.settled.has(i));

export const opsAt = (w: Work, idx: readonly number[]): Operation[] => idx.map((i) => w.body.ops[i]).filter((op) => op !== undefined);

export const unreadableCount = (w: Work): number => w.unreadable.length + (w.malformed === undefined ? 0 : 1);

export const isSettled = (w: Work): boolean => outstandingOps(w).length === 0 && unreadableCount(w) === 0;

export interface RecordContext {
  reason: DeadLetterReason;
  lastError: string;
  attempts: number;
  now: number;
  queue: string;
  eventId: string | undefined;
}

/**
 * The dead letter of `idx` (operations) plus whatever cannot be read. Details name operations by
 * index and give error codes, never keys or values.
 */
export function deadLetterOf(w: Work, idx: readonly number[], c: RecordContext): DeadLetter {
  const ops = opsAt(w, idx);
  const raw = w.malformed?.raw ?? (w.unreadable.length > 0 ? rawText(w.unreadable.map((x) => x.op)) : undefined);
  const reason: DeadLetterReason = w.malformed === undefined ? c.reason : 'malformed';
  const detail = w.malformed?.reason ?? [
    ...idx.map((i) => `op ${i}: ${w.failed.get(i)?.code ?? c.lastError}`),
    ...w.unreadable.map((x) => `#${x.index}: ${x.reason}`),
  ].join('; ').slice(0, 2000);
  return {
    id: deadLetterId(w.body.id, reason, ops, raw),
    reason, detail, lastError: c.lastError, attempts: c.attempts, firstQueuedAt: w.body.at, deadAt: c.now,
    queue: c.queue, eventId: c.eventId, batchId: w.body.id, ops, ...(raw === undefined ? {} : { raw }),
  };
}

/** After a dead letter of `idx` and the unreadable input is stored. */
export function settleDeadLettered(w: Work, idx: readonly number[]): number {
  const count = idx.length + unreadableCount(w);
  for (const i of idx) {
    w.settled.add(i);
    w.failed.delete(i);
  }
  w.unreadable = [];
  w.malformed = undefined;
  return count;
}
