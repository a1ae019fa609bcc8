// The backfill: "index existing issues / pages" as a chain of async events, one page of search results per
// event, written through queued storage. The state record (backfill-state.ts) makes it resumable
// (a failed page is retried by the platform; a chain that died is resumed by `start`), cancellable
// (the next event sees `cancelled` and stops) and observable (progress on the admin page).
import type { QueuedStorage } from '@forge-queue/queued-storage';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { AdminError } from './admin-error.js';
import {
  BACKFILL_STATE_KEY, decidePage, decideStart, isBackfillState, isPageEvent, progressOf,
  type BackfillState, type PageEvent,
} from './backfill-state.js';

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

const readState = async (): Promise<BackfillState | undefined> => {
  const v = await kvs.get<unknown>(BACKFILL_STATE_KEY);
  return isBackfillState(v) ? v : undefined;
};

const newRunId = (now: number): string => `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function createBackfill(o: { storage: QueuedStorage; source: BackfillSource; now?: () => number; log?: (line: string) => void }): Backfill {
  const now = o.now ?? (() => Date.now()); // read at call time (the emulator patches Date)
  const log = o.log ?? (() => undefined);
  const queue = new Queue({ key: BACKFILL_QUEUE });
  // One page at a time per installation: a duplicate delivery waits instead of racing the state.
  const push = (e: PageEvent) => queue.push({ body: { ...e }, concurrency: { key: 'backfill', limit: 1 } });
  const save = async (s: BackfillState): Promise<BackfillState> => {
    await kvs.set(BACKFILL_STATE_KEY, s);
    return s;
  };
  const status = async (): Promise<BackfillStatus> => {
    const state = await readState();
    return { state, progress: progressOf(state) };
  };
  const pushNext = async (s: BackfillState): Promise<void> => {
    await push({ runId: s.runId, seq: s.seq, token: s.token });
    await save({ ...s, pushedSeq: s.seq, updatedAt: now() });
  };

  return {
    status,
    async start({ by }) {
      const state = await readState();
      const decision = decideStart(state, now());
      if (decision.do === 'refuse') throw new AdminError('BAD_REQUEST', `Not started: ${decision.why}.`);
      const t = now();
      const next: BackfillState = decision.do === 'resume' && state !== undefined
        ? { ...state, status: 'running', updatedAt: t, pushedSeq: state.seq - 1, error: undefined }
        : { runId: newRunId(t), status: 'running', by, startedAt: t, updatedAt: t, seq: 0, pushedSeq: -1, token: undefined, pages: 0, items: 0, total: await o.source.countItems(), error: undefined };
      await pushNext(await save(next));
      log(`backfill ${next.runId} ${decision.do === 'resume' ? 'resumed at page' : 'started, page'} ${next.seq + 1} by ${by}`);
      return status();
    },
    async cancel() {
      const state = await readState();
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
      const state = await readState();
      const decision = decidePage(state, body);
      if (state === undefined || decision.do === 'skip') return;
      if (decision.do === 'push-next') {
        await pushNext(state);
        return;
      }
      let page: SourcePage;
      try {
        page = await o.source.fetchPage(body.token);
      } catch (error) {
        if ((error as { retryable?: unknown }).retryable === true) throw error; // the platform retries this page
        await save({ ...state, status: 'failed', updatedAt: now(), error: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (page.records.length > 0) await o.storage.setMany(page.records);
      // Cancelled (or restarted) while this page was fetched: leave the newer state alone.
      const latest = await readState();
      if (latest?.runId !== state.runId || latest.status !== 'running') return;
      const done = page.next === undefined;
      const next = await save({
        ...state, seq: state.seq + 1, token: page.next, pages: state.pages + 1, items: state.items + page.items,
        status: done ? 'done' : 'running', updatedAt: now(),
      });
      if (!done) await pushNext(next);
      else log(`backfill ${state.runId} done: ${next.items} items in ${next.pages} pages`);
    },
  };
}
