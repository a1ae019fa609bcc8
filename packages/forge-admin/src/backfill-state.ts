// The backfill's state record and the pure decisions on it (what a delivered page event should do,
// what `start` should do). I/O lives in backfill.ts.

export const BACKFILL_STATE_KEY = 'admin:backfill';
/** A running backfill whose state has not moved for this long is stalled: `start` resumes it. */
export const STALL_MS = 15 * 60_000;

export interface BackfillState {
  runId: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** Who started it: an accountId, or 'install' for `avi:forge:installed:app`. */
  by: string;
  startedAt: number;
  updatedAt: number;
  /** Sequence number of the next page to fetch (0-based); events carry the seq they fetch. */
  seq: number;
  /** Highest seq whose event was pushed. */
  pushedSeq: number;
  /** Paging token of page `seq` (undefined for the first page). */
  token: string | undefined;
  pages: number;
  items: number;
  /** Items the search reported at the start, when the product tells. */
  total: number | undefined;
  error: string | undefined;
}

/** The body of one backfill event: fetch page `seq` of run `runId`, starting at `token`. */
export interface PageEvent {
  runId: string;
  seq: number;
  token: string | undefined;
}

export type PageDecision =
  /** Fetch and write page `seq`. */
  | { do: 'fetch' }
  /** The page was written but the next event may not have been pushed: push it. */
  | { do: 'push-next' }
  /** Cancelled, finished, superseded by a newer run, or a duplicate: nothing to do. */
  | { do: 'skip'; why: string };

export function decidePage(state: BackfillState | undefined, event: PageEvent): PageDecision {
  if (state === undefined || state.runId !== event.runId) return { do: 'skip', why: 'superseded' };
  if (state.status !== 'running') return { do: 'skip', why: state.status };
  if (event.seq === state.seq) return { do: 'fetch' };
  if (event.seq === state.seq - 1 && state.pushedSeq < state.seq) return { do: 'push-next' };
  return { do: 'skip', why: 'duplicate' };
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
  return typeof v === 'object' && v !== null && typeof v.runId === 'string' && Number.isInteger(v.seq) && (v.token === undefined || typeof v.token === 'string');
}
