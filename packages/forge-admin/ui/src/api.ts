// The resolvers the page calls (../../src/admin-resolver.ts), through @forge/bridge `invoke`. The
// answer types are the resolvers' own (type-only imports: nothing server-side reaches the page).
import { invoke } from '@forge/bridge';

import type { AdminAnswer } from '../../src/admin-error.js';
import type { AdminResolverDeps } from '../../src/admin-resolver.js';
import type { BackfillStatus } from '../../src/backfill.js';
import type { DeadLetterSummary } from '../../src/dead-letter-admin.js';
import type { Overview as QueueOverview } from '../../src/overview.js';

export type { DeadLetterSummary };

/** What the `overview` resolver answers: the queue overview, the product, the backfill's status. */
export type Overview = QueueOverview & { product: AdminResolverDeps['product']; backfill: BackfillStatus };

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

async function call<T>(functionKey: string, payload: Record<string, unknown> = {}): Promise<T> {
  const answer = (await invoke(functionKey, payload)) as AdminAnswer<T>;
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
