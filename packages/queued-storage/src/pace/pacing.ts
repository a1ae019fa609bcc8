import type { BatchReadBudget } from '../apply/index.js';
import type { PushQuota } from '../queue/index.js';
import { earliestSlot, expectRefusal, flowing, freshEstimate, learnConsumerRefusal, learnOthersFilled, learnRefusal, learnWindowRefusal, recordAccepted, recordSpent, relax, relaxConsumer, reserve, type QuotaEstimate } from './estimate.js';
import { PUBLISHED, type PacedQuota, type PaceRegistry } from './registry.js';

/** Work told to come back never waits longer than about two quota windows (a wrong estimate must not strand it). */
export const PACE_CAP_MS = 120_000;
/** A block shorter than this is a per-second limit's: a probe a second later may pass. */
const KNOWN_SPENT_MS = 2_000;
/**
 * The share of the estimated write units consumers plan for: the rest is left to producers, whose
 * triggers write directly when the push quota is spent (the consumer instance cannot see them).
 */
export const CONSUMER_WRITE_SHARE = 0.9;

/**
 * The consumer's view of the write units. A call starts unless a refusal blocks the quota (a 429
 * said it is spent, until its window reopens: then no call is made); its units are counted when it
 * starts, so concurrent deliveries see them. Retries are scheduled within the consumer's share.
 */
export interface ConsumerWrites {
  /** Counts `units` taken now; false: a refusal blocks the quota, make no call. */
  take(units: number): boolean;
  /** Whether take() would pass now (nothing taken). */
  wouldTake(): boolean;
  /** When work needing `units` should come back (ms from now, at most PACE_CAP_MS), its units promised to it. */
  reserveDelayMs(units: number): number;
  /** A write call of `units` KVS accepted (its units were taken when it started). */
  accepted(units: number): void;
  /** A write call refused with 429: learnt, but never below what the quota accepted lately. */
  refused(): void;
  /**
   * A write call was accepted within the last window: the quota refills at its rate, so a retry
   * at its slot is enough. False in a storm (every call refused) or when nothing is known.
   */
  flowing(): boolean;
}

/** The pacing hooks one invocation uses: the instance's shared estimates for its installation. */
export interface Pacing {
  /** Version reads ask the batch operations budget (45 a minute) first. */
  batchReads: BatchReadBudget;
  /** A write call KVS accepted (about one write unit). */
  onWritten: () => void;
  /** A write call refused with 429. */
  onRefused: () => void;
  /** A write call of a paced trigger KVS accepted or charged (the limit estimate is not raised by it). */
  onPacedWritten: () => void;
  /** A write call of a paced trigger refused with 429 (learnWindowRefusal). */
  onPacedRefused: () => void;
  /** A 429 said the write units are spent and their window has not reopened: a call now would be refused. */
  knownSpent(): boolean;
  /** When work needing `units` should come back (ms from now), its units promised to it. */
  reserveDelayMs(units: number): number;
  /** ms until `units` write units are expected free (nothing promised). */
  writeSlotMs(units: number): number;
  /**
   * The push quota (events a minute) as pushAll's hook: a push waits for its slot only when that
   * is at most `maxWaitMs` away; after a 429 the quota counts as spent until its window reopens.
   */
  pushes(maxWaitMs: number): PushQuota;
  /** The write-unit estimate now (spends, limit, block), for booking slots (producer/slot-book.ts). */
  writeEstimate(): QuotaEstimate;
  /** Whether the write-unit estimate has room for `units` now (no refusal block, the window not full). */
  writeRoom(units: number): boolean;
  /** Whether the push quota is expected to take one more event now. */
  pushFree(): boolean;
  /** The write-unit limit estimated now (carried in retryData). */
  writeLimit(): number;
  /** Takes in a limit learned by another instance (retryData): the lower one wins. */
  adopt(writeLimit: number | undefined): void;
  /** The consumer's pacing of its write calls (see ConsumerWrites). */
  consumerWrites: ConsumerWrites;
}

/** The estimate as the consumer plans with it: its share of the limit. */
const consumerShare = (e: QuotaEstimate): QuotaEstimate => ({ ...e, limit: Math.max(1, Math.floor(e.limit * CONSUMER_WRITE_SHARE)) });

export function pacing(registry: PaceRegistry, installation: string, now: () => number): Pacing {
  const shared = registry.pacerFor(installation);
  // An estimate from a clock that went back (a test harness reusing the module) is forgotten.
  const raw = (quota: PacedQuota): QuotaEstimate => {
    const e = shared.get(quota);
    const t = now();
    const fromTheFuture = (e.spent.at(-1)?.at ?? 0) > t || e.blockedUntil > t + PACE_CAP_MS || e.reservedUntil > t + 10 * PACE_CAP_MS;
    return fromTheFuture ? freshEstimate(PUBLISHED[quota], e.windowMs) : e;
  };
  const pacer = {
    get: (quota: PacedQuota): QuotaEstimate => relax(raw(quota), now(), PUBLISHED[quota]),
    set: (quota: PacedQuota, e: QuotaEstimate): void => { shared.set(quota, e); },
  };
  const writes = 'kvsWriteUnitsPerMinute';
  // The consumer's write estimate grows back its own way (relaxConsumer), not by a tenth a window.
  const consumerEstimate = (): QuotaEstimate => relaxConsumer(raw(writes), now(), PUBLISHED[writes]);
  return {
    batchReads: {
      // Taken when allowed (before the call): concurrent deliveries of one instance never overdraw the budget.
      allow: () => {
        const e = pacer.get('kvsBatchOperationsPerMinute');
        if (expectRefusal(e, now(), 1)) return false;
        pacer.set('kvsBatchOperationsPerMinute', recordSpent(e, now(), 1));
        return true;
      },
      spent: () => undefined,
      refused: () => { pacer.set('kvsBatchOperationsPerMinute', learnRefusal(pacer.get('kvsBatchOperationsPerMinute'), now())); },
    },
    onWritten: () => { pacer.set('kvsWriteUnitsPerMinute', recordSpent(pacer.get('kvsWriteUnitsPerMinute'), now(), 1)); },
    onRefused: () => { pacer.set('kvsWriteUnitsPerMinute', learnRefusal(pacer.get('kvsWriteUnitsPerMinute'), now())); },
    onPacedWritten: () => { pacer.set('kvsWriteUnitsPerMinute', recordSpent(pacer.get('kvsWriteUnitsPerMinute'), now(), 1, false)); },
    onPacedRefused: () => { pacer.set('kvsWriteUnitsPerMinute', learnWindowRefusal(pacer.get('kvsWriteUnitsPerMinute'), now())); },
    knownSpent: () => now() + KNOWN_SPENT_MS < pacer.get('kvsWriteUnitsPerMinute').blockedUntil,
    reserveDelayMs: (units) => {
      const { delayMs, estimate } = reserve(pacer.get('kvsWriteUnitsPerMinute'), now(), units, PACE_CAP_MS);
      pacer.set('kvsWriteUnitsPerMinute', estimate);
      return delayMs;
    },
    writeSlotMs: (units) => Math.max(0, earliestSlot(pacer.get('kvsWriteUnitsPerMinute'), now(), units) - now()),
    pushes: (maxWaitMs) => ({
      reopensInMs: (events) => Math.max(0, earliestSlot(pacer.get('pushEventsPerMinute'), now(), events) - now()),
      waitMs: (events, withinMs) => {
        const e = pacer.get('pushEventsPerMinute');
        // Room in the window: push now (slots are promised only to pushes that wait for them).
        if (!expectRefusal(e, now(), events)) return 0;
        const cap = Math.min(maxWaitMs, withinMs);
        if (earliestSlot(e, now(), events) - now() > cap) return undefined;
        const { delayMs, estimate } = reserve(e, now(), events, cap);
        pacer.set('pushEventsPerMinute', estimate);
        return delayMs;
      },
      pushed: (events) => { pacer.set('pushEventsPerMinute', recordSpent(pacer.get('pushEventsPerMinute'), now(), events)); },
      // No per-second push limit is published: a refusal the instance cannot explain means others
      // filled the window, which reopens within one window at the published rate.
      refused: () => { pacer.set('pushEventsPerMinute', learnOthersFilled(pacer.get('pushEventsPerMinute'), now())); },
    }),
    writeEstimate: () => pacer.get('kvsWriteUnitsPerMinute'),
    writeRoom: (units) => !expectRefusal(pacer.get('kvsWriteUnitsPerMinute'), now(), units),
    pushFree: () => !expectRefusal(pacer.get('pushEventsPerMinute'), now(), 1),
    writeLimit: () => pacer.get('kvsWriteUnitsPerMinute').limit,
    consumerWrites: {
      wouldTake: () => now() >= consumerEstimate().blockedUntil,
      take: (units) => {
        const e = consumerEstimate();
        const t = now();
        if (t < e.blockedUntil) return false;
        pacer.set(writes, recordSpent(e, t, units));
        return true;
      },
      reserveDelayMs: (units) => {
        const e = consumerEstimate();
        const { delayMs, estimate } = reserve(consumerShare(e), now(), units, PACE_CAP_MS);
        pacer.set(writes, { ...estimate, limit: e.limit });
        return delayMs;
      },
      accepted: (units) => { pacer.set(writes, recordAccepted(consumerEstimate(), now(), units)); },
      refused: () => { pacer.set(writes, learnConsumerRefusal(consumerEstimate(), now())); },
      flowing: () => flowing(consumerEstimate(), now()),
    },
    adopt: (writeLimit) => {
      if (writeLimit === undefined || !Number.isFinite(writeLimit) || writeLimit < 1) return;
      const e = pacer.get('kvsWriteUnitsPerMinute');
      // Only a fresh estimate takes it: an instance that has learnt on its own knows better than an
      // old retry's figure (which would otherwise hold a recovered estimate down).
      const fresh = e.blockedUntil === 0 && e.spent.length === 0;
      if (fresh && writeLimit < e.limit) pacer.set('kvsWriteUnitsPerMinute', { ...e, limit: Math.floor(writeLimit) });
    },
  };
}
