import { VIRTUAL_EPOCH_MS, type QuotaUsage } from '@forge-queue/forge-emulator';

/**
 * What refused a 429, per quota. A 429 does not say it: every storage quota answers the same
 * `RATE_LIMIT_EXCEEDED` (transactions `TOO_MANY_REQUESTS`), on Forge and on the emulator, whose
 * `rateLimitedByCall` metric counts refusals by endpoint, not by quota. The suite knows more than the
 * library: the fault plan's storms, and each installation's quota use (`Installation.quotaUsage()`).
 */
export type QuotaKind =
  /** An injected 429 storm: storage refuses every KVS request, whatever it spends. */
  | 'storm'
  | 'kvsRequestsPerSecond'
  | 'kvsReadUnitsPerMinute'
  /** Write units, and the per-key write bytes per second (not told apart: both refuse only writes). */
  | 'kvsWriteUnitsPerMinute'
  | 'kvsBatchOperationsPerMinute'
  | 'pushEventsPerMinute';

const READS = ['/api/v1/get', '/api/v1/query', '/api/v1/batch/get', '/api/v1/secret/get'];
const BATCHES = ['/api/v1/batch/get', '/api/v1/batch/set', '/api/v1/batch/delete'];
const isKvs = (path: string): boolean => path.startsWith('/api/');
const isRead = (path: string): boolean => READS.includes(path) || (path.startsWith('/api/v1/entity/') && /\/(get|query)$/.test(path));

/** The quotas a request spends (what a 429 of each of them refuses it for). */
export function quotasSpent(path: string): QuotaKind[] {
  if (!isKvs(path)) return ['pushEventsPerMinute'];
  const out: QuotaKind[] = ['storm', 'kvsRequestsPerSecond', isRead(path) ? 'kvsReadUnitsPerMinute' : 'kvsWriteUnitsPerMinute'];
  if (BATCHES.includes(path)) out.push('kvsBatchOperationsPerMinute');
  return out;
}

export interface RefusalFacts {
  /** Storm windows as offsets from the virtual epoch (the fault plan's). */
  readonly storms: ReadonlyArray<{ readonly startMs: number; readonly durationMs: number }>;
  /** The refusing installation's quota use at the 429's instant (rejected requests take nothing). */
  readonly usage: readonly QuotaUsage[] | undefined;
}

/**
 * The quotas that refused a request answered 429 at `now`: a storm when one is on (for KVS), else
 * the quotas the request spends that have no room left for it. A count quota (requests, batch
 * operations, push events) is full when one more does not fit; a unit quota when one more unit does
 * not fit, and otherwise, when no count quota is full, it is the request's own unit quota that
 * refused (its cost, unknown here, did not fit).
 */
export function refusedQuotas(path: string, now: number, facts: RefusalFacts): QuotaKind[] {
  if (!isKvs(path)) return ['pushEventsPerMinute'];
  if (facts.storms.some((s) => now >= VIRTUAL_EPOCH_MS + s.startMs && now < VIRTUAL_EPOCH_MS + s.startMs + s.durationMs)) return ['storm'];
  const spent = quotasSpent(path).filter((q) => q !== 'storm');
  const full = spent.filter((q) => {
    const u = facts.usage?.find((x) => x.quota === q);
    return u !== undefined && u.used + 1 > u.limit;
  });
  if (full.length > 0) return full;
  return spent.filter((q) => q === 'kvsReadUnitsPerMinute' || q === 'kvsWriteUnitsPerMinute');
}

/** The installation of the invocation running now (read from the runtime global the SDKs use), if any. */
export function invocationInstallationId(): string | undefined {
  try {
    const runtime = (globalThis as { __forge_runtime__?: { appContext?: { installationId?: unknown } } }).__forge_runtime__;
    const id = runtime?.appContext?.installationId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    // Outside an invocation the emulator's runtime throws: no installation.
    return undefined;
  }
}
