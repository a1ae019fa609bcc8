import { freshEstimate, type QuotaEstimate } from './estimate.js';

/** The published limits the estimates start from (Forge storage reference). */
export const PUBLISHED = {
  kvsWriteUnitsPerMinute: 4000,
  /** "a maximum of 45 batch operations per minute" (batchSet, batchGet, batchDelete). */
  kvsBatchOperationsPerMinute: 45,
  /** Async events: 500 events pushed per minute per installation. */
  pushEventsPerMinute: 500,
} as const;

export type PacedQuota = keyof typeof PUBLISHED;

/**
 * The estimates of one storage or consumer instance, per installation and quota (a module-level
 * instance in a warm Forge runtime keeps them across invocations; a fresh app load starts afresh,
 * so a seeded run never depends on an earlier one in the same process).
 */
export interface Pacer {
  get(quota: PacedQuota): QuotaEstimate;
  set(quota: PacedQuota, estimate: QuotaEstimate): void;
}

export interface PaceRegistry {
  pacerFor(installation: string): Pacer;
}

export function createPaceRegistry(): PaceRegistry {
  const estimates = new Map<string, QuotaEstimate>();
  return {
    pacerFor(installation) {
      const key = (quota: PacedQuota) => `${installation}\u0000${quota}`;
      return {
        get: (quota) => estimates.get(key(quota)) ?? freshEstimate(PUBLISHED[quota]),
        set: (quota, estimate) => {
          estimates.set(key(quota), estimate);
        },
      };
    },
  };
}
