// The admin page's resolvers (@forge/resolver, called by the page with @forge/bridge `invoke`).
// Thin: each checks the caller administers the site, then calls the library or the backfill.
// Every answer is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
import type { DeadLetters, QueuedStorage } from '@forge-queue/queued-storage';
import { makeResolver, type Request } from '@forge/resolver';
import { requireAdmin } from './admin-check';
import { errorAnswer, type AdminAnswer } from './admin-error';
import type { Backfill } from './backfill';
import { deadLetterAdmin } from './dead-letter-admin';
import { readOverview } from './overview';

export interface AdminResolverDeps {
  product: 'jira' | 'confluence';
  storage: QueuedStorage;
  letters: DeadLetters;
  backfill: Backfill;
}

type Call = (payload: Record<string, unknown>, accountId: string) => Promise<unknown>;

function guarded(call: Call) {
  return async (request: Request): Promise<AdminAnswer<unknown>> => {
    try {
      const accountId = request.context.accountId as string | undefined;
      await requireAdmin(accountId);
      const payload = (typeof request.payload === 'object' && request.payload !== null ? request.payload : {}) as Record<string, unknown>;
      return { ok: true, data: (await call(payload, accountId ?? '')) ?? null };
    } catch (error) {
      return errorAnswer(error);
    }
  };
}

/** The resolver function's handler (manifest function `admin-resolver`). */
export function createAdminResolver(deps: AdminResolverDeps) {
  const letters = deadLetterAdmin(deps.letters);
  return makeResolver({
    overview: guarded(async () => ({ product: deps.product, ...(await readOverview(deps.storage, deps.letters)), backfill: await deps.backfill.status() })),
    listDeadLetters: guarded((p) => letters.list(p)),
    getDeadLetter: guarded((p) => letters.get(p)),
    replayDeadLetter: guarded((p) => letters.replay(p)),
    replayAllDeadLetters: guarded((p) => letters.replayAll(p)),
    discardDeadLetter: guarded((p) => letters.discard(p)),
    startBackfill: guarded((_p, accountId) => deps.backfill.start({ by: accountId })),
    cancelBackfill: guarded(() => deps.backfill.cancel()),
  });
}
