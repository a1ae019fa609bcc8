// The backfill: "index existing issues / pages". One invocation of the backfill consumer walks page
// after page of search results (written through queued storage) until its time runs low, then hands
// off to a continuation event. The state record (backfill-state.ts) makes it resumable (a retried or
// continued event resumes from the last saved page; a chain that died is resumed by `start`),
// cancellable (the walk reads the state before every page and stops when it is no longer running)
// and observable (progress on the admin page). The walk saves its progress once per few pages;
// its own KVS and push calls retry throttling within the invocation (platform-retry.ts).
import type { QueuedStorage } from '@forge-queue/queued-storage';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { AdminError } from './admin-error.js';
import {
  BACKFILL_STATE_KEY, checkpointDue, decidePage, decideStart, FINISH_DELAY_SECONDS, handOffDue, isBackfillState, isPageEvent, PAGE_PACE_MS, progressOf,
  type BackfillState, type PageEvent,
} from './backfill-state.js';
import { invocationRemainingMs } from './invocation-time.js';
import { isRetryable, withRetry, type RetryClock } from './platform-retry.js';

export const BACKFILL_QUEUE = 'backfill-queue';

/** One page of the product's search results, as the records the app stores. */
export interface SourcePage {
  records: Array<[string, unknown]>;
  /** Items on this page. */
  items: number;
  /** The next page's token; undefined on the last page. */
  next: string | undefined;
}

export interface BackfillSource {
  fetchPage(token: string | undefined): Promise<SourcePage>;
  countItems(): Promise<number | undefined>;
}

export interface BackfillStatus {
  state: BackfillState | undefined;
  /** 0..1, or undefined when the total is unknown. */
  progress: number | undefined;
}

export interface Backfill {
  status(): Promise<BackfillStatus>;
  start(o: { by: string }): Promise<BackfillStatus>;
  cancel(): Promise<BackfillStatus>;
  /** Consumer of BACKFILL_QUEUE (manifest function `backfill-consumer`). */
  consume(event: unknown): Promise<void>;
}

/** Time assumed left when the runtime does not say (the default consumer timeout, 55 s). */
const FALLBACK_REMAINING_MS = 55_000;
/** Kept free at the end of an invocation for the last state write and the continuation push. */
const FINAL_RESERVE_MS = 5_000;

const readOnce = async (): Promise<BackfillState | undefined> => {
  const v = await kvs.get<unknown>(BACKFILL_STATE_KEY);
  return isBackfillState(v) ? v : undefined;
};

const newRunId = (now: number): string => `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The walk's progress in memory: what the state record says once saved. */
type Progress = Pick<BackfillState, 'seq' | 'token' | 'pages' | 'items'>;
const progressOfState = (s: BackfillState): Progress => ({ seq: s.seq, token: s.token, pages: s.pages, items: s.items });

export function createBackfill(o: { storage: QueuedStorage; source: BackfillSource; now?: () => number; log?: (line: string) => void }): Backfill {
  const now = o.now ?? (() => Date.now()); // read at call time (the emulator patches Date)
  const log = o.log ?? (() => undefined);
  const clock: RetryClock = { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
  const remaining = (): number => invocationRemainingMs() ?? FALLBACK_REMAINING_MS;
  /** Clock time by which the invocation's last platform call must have started. */
  const deadline = (): number => now() + Math.max(0, remaining() - FINAL_RESERVE_MS);
  const queue = new Queue({ key: BACKFILL_QUEUE });
  // One walk at a time per installation: a duplicate delivery waits instead of racing the state.
  const push = (e: PageEvent, delayInSeconds = 0) =>
    withRetry(() => queue.push({ body: { ...e }, delayInSeconds, concurrency: { key: 'backfill', limit: 1 } }), clock, deadline());
  const read = () => withRetry(readOnce, clock, deadline());
  const save = async (s: BackfillState): Promise<BackfillState> => {
    await withRetry(() => kvs.set(BACKFILL_STATE_KEY, s), clock, deadline());
    return s;
  };
  /** A read that may be refused: undefined then (the caller goes on without it). */
  const tryRead = async (): Promise<{ state: BackfillState | undefined } | undefined> => {
    try {
      return { state: await readOnce() };
    } catch (error) {
      if (isRetryable(error)) return undefined;
      throw error;
    }
  };
  const status = async (): Promise<BackfillStatus> => {
    const state = await read();
    return { state, progress: progressOf(state) };
  };
  /** Makes event `seq` the owner of the walk (state first: a crash after it leaves the old owner in charge), then pushes it. */
  const handOff = async (state: BackfillState, p: Progress): Promise<void> => {
    const saved = await save({ ...state, ...p, updatedAt: now() });
    await push({ runId: saved.runId, seq: p.seq, token: p.token });
    await save({ ...saved, pushedSeq: p.seq, updatedAt: now() });
  };

  /** Walks pages from the state's saved progress until done, cancelled, superseded or out of time. */
  const walk = async (first: BackfillState): Promise<void> => {
    let p = progressOfState(first);
    let latest: BackfillState = first;
    let saved = { pages: p.pages, at: now() };
    let slowest = 0; // ms of the slowest page (search + writes) so far
    const ours = (s: BackfillState | undefined): s is BackfillState => s?.runId === first.runId && s.status === 'running' && s.pushedSeq === first.pushedSeq;
    // One try (a refused progress save is made again at the next page; a lost one costs at most the pages since the last).
    const checkpoint = async (): Promise<void> => {
      const next = { ...latest, ...p, updatedAt: now() };
      await kvs.set(BACKFILL_STATE_KEY, next);
      latest = next;
      saved = { pages: p.pages, at: now() };
    };
    for (let fresh = true; ; fresh = false) {
      // Cancelled, restarted or handed off since: leave the newer state alone. A refused read is
      // skipped (the next page reads again), and so is the progress save that would follow it.
      let known = fresh;
      if (!fresh) {
        const r = await tryRead();
        if (r !== undefined) {
          if (!ours(r.state)) return;
          latest = r.state;
          known = true;
        }
      }
      if (known && checkpointDue(p.pages - saved.pages, now() - saved.at)) {
        try {
          await checkpoint();
        } catch (error) {
          if (!isRetryable(error)) throw error;
          saved = { pages: p.pages, at: now() }; // refused: tried again at the next checkpoint
        }
      }
      if (handOffDue(remaining(), slowest)) {
        const r = await read();
        if (!ours(r)) return;
        await handOff(r, p);
        log(`backfill ${first.runId} handed off at page ${p.seq + 1}`);
        return;
      }
      const pageStart = now();
      let page: SourcePage;
      try {
        page = await o.source.fetchPage(p.token);
      } catch (error) {
        if ((error as { retryable?: unknown }).retryable === true) {
          if (known && p.pages > saved.pages) await checkpoint().catch(() => undefined); // the platform retries this event from the saved progress
          throw error;
        }
        const r = await read();
        if (ours(r)) await save({ ...r, ...p, status: 'failed', updatedAt: now(), error: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (page.records.length > 0) {
        try {
          await o.storage.setMany(page.records);
        } catch (error) {
          if (known && p.pages > saved.pages) await checkpoint().catch(() => undefined);
          throw error;
        }
      }
      p = { seq: p.seq + 1, token: page.next, pages: p.pages + 1, items: p.items + page.items };
      slowest = Math.max(slowest, now() - pageStart);
      if (page.next === undefined) {
        const r = await read();
        if (!ours(r)) return;
        try {
          await kvs.set(BACKFILL_STATE_KEY, { ...r, ...p, status: 'done', updatedAt: now() });
        } catch (error) {
          if (!isRetryable(error)) throw error;
          // The write units are spent (most likely by this walk): a finisher event, owner like this
          // one, saves the final state a window later instead of this invocation waiting for it.
          await push({ runId: r.runId, seq: r.pushedSeq, token: undefined, done: { seq: p.seq, pages: p.pages, items: p.items } }, FINISH_DELAY_SECONDS);
          log(`backfill ${first.runId}: every page written, the final state is saved in ${FINISH_DELAY_SECONDS} s`);
          return;
        }
        log(`backfill ${first.runId} done: ${p.items} items in ${p.pages} pages`);
        return;
      }
      await clock.sleep(PAGE_PACE_MS);
    }
  };

  return {
    status,
    async start({ by }) {
      const state = await read();
      const decision = decideStart(state, now());
      if (decision.do === 'refuse') throw new AdminError('BAD_REQUEST', `Not started: ${decision.why}.`);
      const t = now();
      // The event pushed below owns the walk from the start (pushedSeq = seq).
      const next: BackfillState = decision.do === 'resume' && state !== undefined
        ? { ...state, status: 'running', updatedAt: t, pushedSeq: state.seq, error: undefined }
        : { runId: newRunId(t), status: 'running', by, startedAt: t, updatedAt: t, seq: 0, pushedSeq: 0, token: undefined, pages: 0, items: 0, total: await o.source.countItems(), error: undefined };
      await save(next);
      try {
        await push({ runId: next.runId, seq: next.seq, token: next.token });
      } catch (error) {
        // No event carries the run: mark it failed, so that the next start resumes it at once.
        await save({ ...next, status: 'failed', updatedAt: now(), error: `the first event could not be pushed: ${error instanceof Error ? error.message : String(error)}` });
        throw error;
      }
      log(`backfill ${next.runId} ${decision.do === 'resume' ? 'resumed at page' : 'started, page'} ${next.seq + 1} by ${by}`);
      return status();
    },
    async cancel() {
      const state = await read();
      if (state?.status !== 'running') throw new AdminError('NOT_FOUND', 'No backfill is running.');
      await save({ ...state, status: 'cancelled', updatedAt: now() });
      return status();
    },
    async consume(event) {
      const body = (event as { body?: unknown } | null)?.body;
      if (!isPageEvent(body)) {
        log(`backfill: ignored a malformed event`);
        return;
      }
      const state = await read();
      if (state === undefined || decidePage(state, body).do === 'skip') return;
      if (body.done !== undefined) {
        await save({ ...state, ...body.done, token: undefined, status: 'done', updatedAt: now() });
        log(`backfill ${state.runId} done: ${body.done.items} items in ${body.done.pages} pages`);
        return;
      }
      await walk(state);
    },
  };
}
