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
 * The estimates of one registry for one installation, per quota (a module-level storage or consumer
 * in a warm Forge runtime keeps them across invocations; a fresh app load starts afresh, so a seeded
 * run never depends on an earlier one in the same process).
 */
export interface Pacer {
  get(quota: PacedQuota): QuotaEstimate;
  set(quota: PacedQuota, estimate: QuotaEstimate): void;
}

/**
 * Per-installation estimates of the limits in force (the published defaults, corrected by what 429s
 * teach) and of what was spent against them. Made by {@link createPaceRegistry} and passed as the
 * `pacing` option to `createQueuedStorage` and `createConsumer`: they then read and teach the same
 * estimates (see the README, Pacing). Its members are the library's: treat it as opaque.
 */
export interface PaceRegistry {
  pacerFor(installation: string): Pacer;
  /** Made by createPaceRegistry() to be shared (the `pacing` option takes no other). */
  readonly shared: boolean;
}

function registry(shared: boolean): PaceRegistry {
  const estimates = new Map<string, QuotaEstimate>();
  return {
    shared,
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

/**
 * One set of quota estimates for the producer and the consumer of a runtime: create it next to them
 * (module level of the app) and pass it as `pacing` to both, so what one spends counts against the
 * other's room and a 429 either sees lowers the estimate for both. No module-level state: each call
 * makes a fresh registry.
 */
export function createPaceRegistry(): PaceRegistry {
  return registry(true);
}

/** The estimates of one storage or consumer instance alone (the default when `pacing` is not given). */
export function ownPaceRegistry(): PaceRegistry {
  return registry(false);
}

/** Resolves the `pacing` option: a registry from createPaceRegistry(), or the instance's own. */
export function resolvePacing(value: unknown, fail: (message: string) => never): PaceRegistry {
  if (value === undefined) return ownPaceRegistry();
  const r = (typeof value === 'object' ? value : null) as Partial<PaceRegistry> | null;
  if (r === null || typeof r.pacerFor !== 'function' || r.shared !== true) fail('option pacing must be a registry made by createPaceRegistry()');
  return r as PaceRegistry;
}
