// The resolvers the page calls (src/admin-resolver.ts), through @forge/bridge `invoke`.
import { invoke } from '@forge/bridge';

export interface Counts {
  ok: number;
  retry: number;
  redrive: number;
  deadLetter: number;
  malformed: number;
  applied: number;
  deadLettered: number;
}

export interface JobProgress {
  jobId: string;
  success: number;
  inProgress: number;
  failed: number;
  done: number | undefined;
}

export interface BackfillState {
  runId: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  by: string;
  startedAt: number;
  updatedAt: number;
  pages: number;
  items: number;
  total: number | undefined;
  error: string | undefined;
}

export interface BackfillStatus {
  state: BackfillState | undefined;
  progress: number | undefined;
}

export interface Overview {
  product: 'jira' | 'confluence';
  outcomes: Counts;
  samples: number;
  countedUntilMs: number | undefined;
  jobs: JobProgress[];
  deadLetters: number;
  deadLettersCapped: boolean;
  backfill: BackfillStatus;
}

export interface DeadLetterSummary {
  id: string;
  reason: string;
  detail: string;
  lastError: string;
  attempts: number;
  firstQueuedAt: number;
  deadAt: number;
  operations: number;
  keys: string[];
}

export interface DeadLetterPage {
  items: DeadLetterSummary[];
  nextCursor: string | undefined;
}

/** An `{ ok: false }` answer: `code` is the resolver's (e.g. ADMIN_REQUIRED). */
export class ResolverError extends Error {
  override readonly name = 'ResolverError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function call<T>(functionKey: string, payload: Record<string, unknown> = {}): Promise<T> {
  const answer = (await invoke(functionKey, payload)) as Answer<T>;
  if (!answer.ok) throw new ResolverError(answer.error.code, answer.error.message);
  return answer.data;
}

export const api = {
  overview: () => call<Overview>('overview'),
  listDeadLetters: (cursor?: string) => call<DeadLetterPage>('listDeadLetters', cursor === undefined ? {} : { cursor }),
  getDeadLetter: (id: string) => call<unknown>('getDeadLetter', { id }),
  replayDeadLetter: (id: string) => call<{ jobIds: string[] }>('replayDeadLetter', { id }),
  replayAllDeadLetters: () => call<{ replayed: number; failed: Array<{ id: string; error: string }>; more: boolean }>('replayAllDeadLetters', { confirm: 'replay-all' }),
  discardDeadLetter: (id: string) => call<{ discarded: boolean }>('discardDeadLetter', { id }),
  startBackfill: () => call<BackfillStatus>('startBackfill'),
  cancelBackfill: () => call<BackfillStatus>('cancelBackfill'),
};
