import { freshEstimate, type QuotaEstimate } from './estimate.js';

/** The published limits the estimates start from (Forge storage reference). */
export const PUBLISHED = {
  kvsWriteUnitsPerMinute: 4000,
  /** "a maximum of 45 batch operations per minute" (batchSet, batchGet, batchDelete). */
  kvsBatchOperationsPerMinute: 45,
} as const;

export type PacedQuota = keyof typeof PUBLISHED;

/**
 * The estimates of one runtime instance, per installation and quota, shared by every producer and
 * consumer of the module (a warm Forge runtime keeps them across invocations). Module state on
 * purpose: the producer's direct writes and the consumer's retries draw on the same quotas.
 */
const estimates = new Map<string, QuotaEstimate>();

export interface Pacer {
  get(quota: PacedQuota): QuotaEstimate;
  set(quota: PacedQuota, estimate: QuotaEstimate): void;
}

export function pacerFor(installation: string): Pacer {
  const key = (quota: PacedQuota) => `${installation}\u0000${quota}`;
  return {
    get: (quota) => estimates.get(key(quota)) ?? freshEstimate(PUBLISHED[quota]),
    set: (quota, estimate) => {
      estimates.set(key(quota), estimate);
    },
  };
}

/** Forgets every estimate (tests). */
export function resetPacers(): void {
  estimates.clear();
}
