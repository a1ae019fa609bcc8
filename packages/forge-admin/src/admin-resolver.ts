// The admin page's resolvers (@forge/resolver, called by the page with @forge/bridge `invoke`).
// Thin: each checks the caller administers the site, then calls the library or the backfill.
// Every answer is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
import type { DeadLetters, QueuedStorage } from '@forge-queue/queued-storage';
import { makeResolver, type Request } from '@forge/resolver';
import { errorAnswer, type AdminAnswer } from './admin-error.js';
import type { Backfill } from './backfill.js';
import { deadLetterAdmin } from './dead-letter-admin.js';
import { readOverview } from './overview.js';

export interface AdminResolverDeps {
  product: 'jira' | 'confluence';
  storage: QueuedStorage;
  letters: DeadLetters;
  backfill: Backfill;
  /** Throws an `AdminError` unless `accountId` administers the site or product (the app's product check). */
  requireAdmin: (accountId: string | undefined) => Promise<void>;
}

type Call = (payload: Record<string, unknown>, accountId: string) => Promise<unknown>;

function guarded(requireAdmin: AdminResolverDeps['requireAdmin'], call: Call) {
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
  const guard = (call: Call) => guarded(deps.requireAdmin, call);
  return makeResolver({
    overview: guard(async () => ({ product: deps.product, ...(await readOverview(deps.storage, deps.letters)), backfill: await deps.backfill.status() })),
    listDeadLetters: guard((p) => letters.list(p)),
    getDeadLetter: guard((p) => letters.get(p)),
    replayDeadLetter: guard((p) => letters.replay(p)),
    replayAllDeadLetters: guard((p) => letters.replayAll(p)),
    discardDeadLetter: guard((p) => letters.discard(p)),
    startBackfill: guard((_p, accountId) => deps.backfill.start({ by: accountId })),
    cancelBackfill: guard(() => deps.backfill.cancel()),
  });
}
