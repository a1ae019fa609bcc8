// The backfill's state record and the pure decisions on it (what a delivered event should do, what
// `start` should do, when a walk saves its progress or hands off). I/O lives in backfill.ts.

export const BACKFILL_STATE_KEY = 'admin:backfill';
/** A running backfill whose state has not moved for this long is stalled: `start` resumes it. */
export const STALL_MS = 15 * 60_000;
/** A walk saves its progress (the state record) at most once per this many pages... */
export const CHECKPOINT_PAGES = 10;
/** ...or once this much time has passed since its last save, whichever comes first. */
export const CHECKPOINT_MS = 5_000;
/**
 * Least time between two pages of one walk: at most 50 pages (5,000 items) a second, i.e. about 500
 * KVS requests a second of ordered writes (12 keys a transaction), half the installation's 1,000/s,
 * which triggers and consumers share. A real search takes longer than this; only a platform without
 * latency (the emulator) ever waits it.
 */
export const PAGE_PACE_MS = 20;
/**
 * A walk starts no page with less than this left of its invocation (nor with less than twice its
 * slowest page so far): it hands off to a new event instead.
 */
export const HANDOFF_RESERVE_MS = 30_000;

export interface BackfillState {
  runId: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** Who started it: an accountId, or 'install' for `avi:forge:installed:app`. */
  by: string;
  startedAt: number;
  updatedAt: number;
  /** Sequence number of the next page to fetch (0-based): the walk's last saved progress. */
  seq: number;
  /** The seq of the newest event pushed: the event that owns the walk (it resumes from `seq`). */
  pushedSeq: number;
  /** Paging token of page `seq` (undefined for the first page). */
  token: string | undefined;
  pages: number;
  items: number;
  /** Items the search reported at the start, when the product tells. */
  total: number | undefined;
  error: string | undefined;
}

/**
 * The body of one backfill event: walk run `runId` from page `seq` (`token`). The event pushed last
 * (`seq === state.pushedSeq`) owns the walk; a retry of it resumes from the state's saved progress.
 */
export interface PageEvent {
  runId: string;
  seq: number;
  token: string | undefined;
  /** A finisher: the walk wrote every page but the KVS refused its final state; this event saves it. */
  done?: { seq: number; pages: number; items: number };
}
/** Delivery delay of a finisher: one per-minute quota window. */
export const FINISH_DELAY_SECONDS = 60;

export type PageDecision =
  /** Walk pages from the state's saved progress (`state.seq`, `state.token`). */
  | { do: 'walk' }
  /** Cancelled, finished, superseded by a newer run or a newer event: nothing to do. */
  | { do: 'skip'; why: string };

export function decidePage(state: BackfillState | undefined, event: PageEvent): PageDecision {
  if (state === undefined || state.runId !== event.runId) return { do: 'skip', why: 'superseded' };
  if (state.status !== 'running') return { do: 'skip', why: state.status };
  if (event.seq === state.pushedSeq) return { do: 'walk' };
  return { do: 'skip', why: 'handed off' };
}

/** Whether a walk saves its progress now: `pages` walked and `ms` passed since its last save. */
export function checkpointDue(pages: number, ms: number): boolean {
  return pages >= CHECKPOINT_PAGES || (pages > 0 && ms >= CHECKPOINT_MS);
}

/** Whether a walk stops and hands off to a new event instead of starting another page. */
export function handOffDue(remainingMs: number, slowestPageMs: number): boolean {
  return remainingMs < Math.max(HANDOFF_RESERVE_MS, 2 * slowestPageMs);
}

export type StartDecision = { do: 'new' } | { do: 'resume' } | { do: 'refuse'; why: string };

export function decideStart(state: BackfillState | undefined, now: number): StartDecision {
  if (state === undefined || state.status === 'done' || state.status === 'cancelled') return { do: 'new' };
  if (state.status === 'failed') return { do: 'resume' };
  if (now - state.updatedAt >= STALL_MS) return { do: 'resume' };
  return { do: 'refuse', why: `a backfill is running (page ${state.seq + 1}, ${state.items} items so far)` };
}

/** 0..1 when the total is known or the run is done; undefined otherwise. */
export function progressOf(state: BackfillState | undefined): number | undefined {
  if (state === undefined) return undefined;
  if (state.status === 'done') return 1;
  if (state.total === undefined || state.total === 0) return undefined;
  return Math.min(1, state.items / state.total);
}

export function isBackfillState(value: unknown): value is BackfillState {
  return typeof value === 'object' && value !== null && typeof (value as BackfillState).runId === 'string' && typeof (value as BackfillState).seq === 'number';
}

export function isPageEvent(value: unknown): value is PageEvent {
  const v = value as PageEvent | null;
  const done = (v as { done?: unknown } | null)?.done as Record<string, unknown> | null | undefined;
  const doneOk = done === undefined || (typeof done === 'object' && done !== null && [done.seq, done.pages, done.items].every((n) => Number.isInteger(n) && (n as number) >= 0));
  return typeof v === 'object' && v !== null && typeof v.runId === 'string' && Number.isInteger(v.seq) && (v.token === undefined || typeof v.token === 'string') && doneOk;
}
