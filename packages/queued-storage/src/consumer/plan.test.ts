import { describe, expect, test } from 'vitest';
import { DEFAULT_BACKOFF, resolveBackoffPolicy } from '../backoff.js';
import { seededRandom } from '../random.js';
import { failureReserveMs, platformFailureDelayMs, type RetryInput } from './decide.js';
import { alignToWindow, failedDeliveriesKept, lastResortRetryMs, lastResortRoomMs, lifeReserveMs, nextWindowAt, pauseToWindow, planDelivery, QUOTA_WINDOW_MS, redriveRoomMs, sliceEnd, type DeliveryFacts, type PlanOptions, type Step } from './plan.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const options: PlanOptions = {
  maxAgeMs: 72 * HOUR, maxRetries: 4, reserveRetries: 1, retentionMarginMs: MIN,
  backoff: DEFAULT_BACKOFF, rateLimitBackoff: resolveBackoffPolicy({ strategy: 'equal', baseMs: 60_000, capMs: 900_000, minMs: 1_000 }),
};
const facts: DeliveryFacts = {
  now: 10 * HOUR, firstQueuedAt: 10 * HOUR, retryCount: 0, priorAttempts: 0, retentionRemainingMs: 24 * HOUR, failureReserveMs: 0,
  pending: 3, failed: 0, unreadable: 0, rateLimited: false, windowMs: 24 * HOUR, invocationMs: 55_000,
};
const kinds = (steps: Step[]) => steps.map((s) => (s.kind === 'dead-letter' ? `dead-letter ${s.covers} ${s.reason}` : s.kind));
const plan = (patch: Partial<DeliveryFacts>, o: Partial<PlanOptions> = {}) => planDelivery({ ...facts, ...patch }, { ...options, ...o }, seededRandom(1));

describe('planDelivery: one planner for every delivery', () => {
  test.each<[string, Partial<DeliveryFacts>, string[], boolean]>([
    ['everything applied', { pending: 0 }, [], false],
    ['pending after a first failure', {}, ['retry'], false],
    ['second retry', { retryCount: 2, priorAttempts: 2 }, ['retry'], false],
    ['the next delivery would be the last: re-drive, the reserved retry behind it', { retryCount: 3, priorAttempts: 3 }, ['redrive', 'retry'], false],
    ['the final delivery: every way out, repeated, then the last-resort retry', { retryCount: 4, priorAttempts: 4 }, ['redrive', 'apply', 'dead-letter outstanding redrive-failed', 'retry'], true],
    ['older than maxAge', { firstQueuedAt: 10 * HOUR - 72 * HOUR }, ['dead-letter outstanding max-age', 'retry'], false],
    ['older than maxAge on the final delivery', { firstQueuedAt: 10 * HOUR - 72 * HOUR, retryCount: 4 }, ['dead-letter outstanding max-age', 'redrive', 'retry'], true],
    ['permanent failures only', { pending: 0, failed: 2 }, ['dead-letter failed permanent', 'retry'], false],
    ['permanent failures and pending operations', { failed: 1 }, ['dead-letter failed permanent', 'retry'], false],
    ['unreadable operations only', { pending: 0, unreadable: 2 }, ['dead-letter failed permanent', 'retry'], false],
    ['an unreadable body, first delivery', { pending: 0, unreadable: 1 }, ['dead-letter failed permanent', 'retry'], false],
    ['an unreadable body on the final delivery', { pending: 0, unreadable: 1, retryCount: 4 }, ['dead-letter failed permanent', 'redrive', 'apply', 'dead-letter outstanding redrive-failed', 'retry'], true],
    ['retention almost over', { retentionRemainingMs: 30_000 }, ['redrive', 'apply', 'dead-letter outstanding redrive-failed', 'retry'], true],
    ['retention closing within two margins', { retentionRemainingMs: 100_000 }, ['redrive', 'retry'], false],
    ['a crash of the next delivery would outlast the window (G1)', { retentionRemainingMs: 8 * MIN, retryCount: 2, failureReserveMs: 55_000 + platformFailureDelayMs(2) }, ['redrive', 'retry'], false],
  ])('%s -> %j (repeat %s)', (_name, patch, steps, repeat) => {
    const p = plan(patch);
    expect(kinds(p.steps)).toEqual(steps);
    expect(p.repeat).toBe(repeat);
  });

  test('a rate limit waits past the quota window (30-60 s for the first retry)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = planDelivery({ ...facts, rateLimited: true }, options, seededRandom(seed));
      expect(p.delayMs).toBeGreaterThanOrEqual(30_000);
      expect(p.delayMs).toBeLessThanOrEqual(60_000);
    }
  });

  test('a retry leaves room in the window for a crashed next delivery', () => {
    const patch = { retentionRemainingMs: 20 * MIN, retryCount: 1, priorAttempts: 5, failureReserveMs: 55_000 + platformFailureDelayMs(1) };
    const p = plan(patch);
    expect(kinds(p.steps)).toEqual(['retry']);
    expect(p.delayMs + patch.failureReserveMs).toBeLessThanOrEqual(patch.retentionRemainingMs - options.retentionMarginMs);
  });

  test('a re-drive is delayed by the backoff, in whole seconds within 0..900', () => {
    const step = plan({ retryCount: 3, priorAttempts: 12 }).steps[0];
    expect(step?.kind).toBe('redrive');
    const seconds = step?.kind === 'redrive' ? step.delaySeconds : -1;
    expect(Number.isInteger(seconds) && seconds >= 0 && seconds <= 900).toBe(true);
  });
});

describe('lastResortRetryMs (the reserved platform retry after every other step failed)', () => {
  const input: RetryInput = {
    now: 10 * HOUR, firstQueuedAt: 10 * HOUR, maxAgeMs: 72 * HOUR, retryCount: 3, maxRetries: 4,
    retentionRemainingMs: 24 * HOUR, retentionMarginMs: 60_000, priorAttempts: 3,
  };
  const backoff = resolveBackoffPolicy({ baseMs: 1_000 });

  test.each([1, 2, 3, 4, 5])('seed %i: lands one to one and a half quota windows later', (seed) => {
    const ms = lastResortRetryMs(input, backoff, seededRandom(seed));
    expect(ms).toBeGreaterThanOrEqual(60_000);
    expect(ms).toBeLessThanOrEqual(90_000);
  });

  test.each([
    [30_000, 1_000],
    [100_000, 40_000],
  ])('never past the retention window (remaining %i ms -> at most %i ms)', (remaining, most) => {
    expect(lastResortRetryMs({ ...input, retentionRemainingMs: remaining }, DEFAULT_BACKOFF, seededRandom(1))).toBeLessThanOrEqual(most);
  });
});

describe('quota windows: a delivery after a refused way out meets a fresh one (issue 10, retry-cap drops)', () => {
  const W = QUOTA_WINDOW_MS;
  test.each<[string, number, number, number, number, number]>([
    // name, now, delay, latestAt, spread, expected start (now + result)
    ['moved to 2-3 s before the next whole minute', 10 * W + 12_345, 30_000, Infinity, 0, 11 * W - 3_000],
    ['a target inside the lead goes to the window after', 10 * W + 59_500, 1_000, Infinity, 0, 12 * W - 3_000],
    ['spread 2: two windows later', 10 * W + 12_345, 30_000, Infinity, 2, 13 * W - 3_000],
    ['retention: an earlier window that still fits', 10 * W + 12_345, 30_000, 11 * W, 2, 11 * W - 3_000],
  ])('%s', (_name, now, delay, latestAt, spread, start) => {
    const ms = alignToWindow(now, delay, latestAt, spread);
    expect(ms % 1_000).toBe(0);
    expect(now + ms).toBeLessThanOrEqual(start + 1_000);
    expect(now + ms).toBeGreaterThan(start - 1_000);
    expect(now + ms).toBeLessThanOrEqual(latestAt);
  });

  test('no aligned start inside the retention window: the delay is kept', () => {
    expect(alignToWindow(10 * W + 1_000, 5_000, 10 * W + 20_000)).toBe(5_000);
  });

  test.each([
    ['a boundary inside the pause: cut to just after it', 10 * W + 55_000, 15_000, 100, 5_100],
    ['no boundary inside the pause: unchanged', 10 * W + 1_000, 15_000, 100, 15_000],
  ])('pauseToWindow: %s', (_name, now, pause, jitter, expected) => {
    expect(pauseToWindow(now, pause, jitter)).toBe(expected);
  });

  test('only dead letters to store: the retry is a last resort, a quota window away and aligned', () => {
    const p = plan({ pending: 0, unreadable: 3 });
    const retry = p.steps.at(-1);
    expect(retry?.kind === 'retry' && retry.latestAt !== undefined).toBe(true);
    expect(p.delayMs).toBeGreaterThanOrEqual(QUOTA_WINDOW_MS);
  });

  test('pending operations after a plain failure: an ordinary retry (not aligned)', () => {
    const retry = plan({}).steps.at(-1);
    expect(retry?.kind === 'retry' && retry.latestAt === undefined).toBe(true);
  });
});

describe('re-drive delay: the new life keeps room for crashed deliveries (G1 with short retention)', () => {
  test('lifeReserveMs: one working delivery plus each failed one and the platform delay after it', () => {
    expect(lifeReserveMs(30_000, 0)).toBe(30_000);
    expect(lifeReserveMs(30_000, 2)).toBe(30_000 + (30_000 + platformFailureDelayMs(0)) + (30_000 + platformFailureDelayMs(1)));
  });

  test.each<[string, Partial<DeliveryFacts>, Partial<PlanOptions>, number]>([
    ['10-minute window, reserve 1: at most 15 s of delay', { windowMs: 10 * MIN, invocationMs: 55_000 }, { reserveRetries: 1 }, 15_000],
    ['10-minute window, reserve 2: no delay', { windowMs: 10 * MIN, invocationMs: 55_000 }, { reserveRetries: 2 }, 0],
  ])('%s', (_name, patch, o, most) => {
    expect(redriveRoomMs({ ...facts, ...patch }, { ...options, ...o })).toBe(most);
    const p = plan({ ...patch, retryCount: 3, priorAttempts: 9, rateLimited: true }, o);
    const step = p.steps[0];
    expect(step?.kind).toBe('redrive');
    expect(step?.kind === 'redrive' ? step.delaySeconds * 1000 : -1).toBeLessThanOrEqual(most);
  });

  test('24 h window: the backoff delay is kept', () => {
    const step = plan({ retryCount: 3, priorAttempts: 12 }).steps[0];
    expect(step?.kind === 'redrive' ? step.delaySeconds : -1).toBeGreaterThan(15);
  });
});

describe('sliceEnd: a quick step on an aligned delivery reaches past the window start', () => {
  test.each([
    ['the window reopens 2.5 s from now: the slice ends 3 s after it', 10 * QUOTA_WINDOW_MS - 2_500, 10 * QUOTA_WINDOW_MS + 3_000],
    ['no window start near: 3 s from now', 10 * QUOTA_WINDOW_MS + 10_000, 10 * QUOTA_WINDOW_MS + 13_000],
  ])('%s', (_name, now, end) => {
    expect(sliceEnd(now, 3_000)).toBe(end);
  });
});

describe('a refused dead letter on a long storm: the retries grow as a rate limit\'s do', () => {
  test.each([
    [0, QUOTA_WINDOW_MS],
    [3, 240_000],
  ])('after %i failed attempts the retry waits at least %i ms', (priorAttempts, least) => {
    for (let seed = 1; seed <= 10; seed++) {
      const p = planDelivery({ ...facts, pending: 0, unreadable: 2, priorAttempts, retryCount: 0 }, options, seededRandom(seed));
      expect(p.delayMs).toBeGreaterThanOrEqual(least);
    }
  });

  test('nextWindowAt: the next whole minute, never now', () => {
    expect(nextWindowAt(10 * QUOTA_WINDOW_MS)).toBe(11 * QUOTA_WINDOW_MS);
    expect(nextWindowAt(10 * QUOTA_WINDOW_MS + 59_999)).toBe(11 * QUOTA_WINDOW_MS);
  });
});

describe('planDelivery: a retry after a rate limit lands at the pacer slot', () => {
  test.each([
    // The quota flows (writes accepted lately): the slot alone, even on a late attempt.
    { quotaFlowing: true, priorAttempts: 4, retryCount: 1, min: 12_000, max: 12_000 },
    // A storm (nothing accepted lately): never sooner than the rate-limit backoff (60 s base, equal jitter).
    { quotaFlowing: false, priorAttempts: 0, retryCount: 0, min: 30_000, max: 60_000 },
    { quotaFlowing: false, priorAttempts: 4, retryCount: 1, min: 480_000, max: 900_000 },
  ])('flowing $quotaFlowing, attempt $priorAttempts: $min..$max ms', ({ quotaFlowing, priorAttempts, retryCount, min, max }) => {
    const p = plan({ rateLimited: true, pacedDelayMs: 12_000, quotaFlowing, priorAttempts, retryCount });
    expect(kinds(p.steps)).toEqual(['retry']);
    expect(p.delayMs).toBeGreaterThanOrEqual(min);
    expect(p.delayMs).toBeLessThanOrEqual(max);
  });
});

describe('every retry keeps room for a failed next delivery (soak seeds 100006935, 90016445: unreadable operations dropped at retention)', () => {
  // The planner fills the failure reserve in itself: the next delivery's time plus the platform's delay after it.
  const short = { failureReserveMs: undefined, invocationMs: 30_000, windowMs: 10 * MIN };
  const reserve = (retryCount: number) => failureReserveMs(30_000, retryCount, options.reserveRetries);

  test('failureReserveMs: each failed delivery costs its time plus the platform delay after it', () => {
    expect(failureReserveMs(30_000, 1, 1)).toBe(30_000 + platformFailureDelayMs(1));
    expect(failureReserveMs(30_000, 0, 2)).toBe(30_000 + platformFailureDelayMs(0) + 30_000 + platformFailureDelayMs(1));
  });

  test.each<[string, Partial<DeliveryFacts>]>([
    // 100006935: a 25-minute storm, the retry after the second delivery asked 231 s of a 420 s window.
    ['only unreadable operations, second delivery, 7 minutes left', { pending: 0, unreadable: 3, retryCount: 1, priorAttempts: 1, retentionRemainingMs: 420_000 }],
    // 90016445: a re-driven event's first delivery asked 660 s of a 780 s window.
    ['only unreadable operations, a fresh life of 13 minutes', { pending: 0, unreadable: 2, retryCount: 0, priorAttempts: 4, retentionRemainingMs: 780_000, windowMs: 780_000 }],
    ['permanent failures only, after many attempts (the rate-limit backoff is minutes)', { pending: 0, failed: 1, retryCount: 1, priorAttempts: 7, retentionRemainingMs: 500_000 }],
    ['pending writes after a rate limit, the pacer asking for 7 minutes', { rateLimited: true, pacedDelayMs: 420_000, retryCount: 0, retentionRemainingMs: 600_000 }],
  ])('%s: the retry leaves the reserve', (_name, patch) => {
    for (let seed = 1; seed <= 20; seed++) {
      const f = { ...facts, ...short, ...patch };
      const p = planDelivery(f, options, seededRandom(seed));
      const retry = p.steps.at(-1);
      expect(kinds(p.steps).at(-1)).toBe('retry');
      expect(p.delayMs + reserve(f.retryCount)).toBeLessThanOrEqual(f.retentionRemainingMs - options.retentionMarginMs);
      // An aligned retry is moved, when taken, never past latestAt: that too keeps the reserve.
      const latestAt = retry?.kind === 'retry' ? (retry.latestAt ?? f.now + p.delayMs) : Infinity;
      expect(latestAt + reserve(f.retryCount)).toBeLessThanOrEqual(f.now + f.retentionRemainingMs - options.retentionMarginMs);
    }
  });

  test.each<[string, Partial<DeliveryFacts>, number, string[]]>([
    // 20272642, 160014019: crashes of the third and fourth deliveries after a retry from the second.
    ['second delivery, 10-minute window, 559 s left, reserve 1: a retry that keeps one failed delivery', { retryCount: 1, priorAttempts: 1, retentionRemainingMs: 559_000, rateLimited: true }, 1, ['retry']],
    ['the same, reserve 2 (the default): two failed deliveries do not fit, re-drive now', { retryCount: 1, priorAttempts: 1, retentionRemainingMs: 559_000, rateLimited: true }, 2, ['redrive', 'retry']],
    ['first delivery, 10-minute window, reserve 2: 30 s + 2 min + 30 s + 4 min fit, a retry', { retryCount: 0, priorAttempts: 0, retentionRemainingMs: 590_000, rateLimited: true }, 2, ['retry']],
    ['second delivery, 5 minutes left, reserve 1: no room for one, re-drive', { retryCount: 1, priorAttempts: 1, retentionRemainingMs: 300_000, rateLimited: true }, 1, ['redrive', 'retry']],
    ['second delivery, 24 h window, reserve 2: a retry', { retryCount: 1, priorAttempts: 1, retentionRemainingMs: 24 * HOUR, windowMs: 24 * HOUR }, 2, ['retry']],
    // 160004828: a 25-minute storm, 1 push a minute: lives of 3 minutes starved each other's re-drives.
    ['the same second delivery while the push quota refuses re-drives, reserve 2: one failed delivery kept, a retry', { retryCount: 1, priorAttempts: 1, retentionRemainingMs: 559_000, rateLimited: true, pushesScarce: true }, 1, ['retry']],
  ])('failed deliveries kept (failedDeliveriesKept): %s', (_name, patch, reserveRetries, steps) => {
    const planned = patch.pushesScarce === true ? 2 : reserveRetries;
    const p = plan({ ...short, ...patch }, { reserveRetries: planned });
    expect(kinds(p.steps)).toEqual(steps);
    expect(failedDeliveriesKept(patch, { reserveRetries: planned })).toBe(reserveRetries);
    // A retry leaves the kept failed deliveries their room (a re-drive has no delay to check here).
    const used = steps[0] === 'retry' ? p.delayMs + failureReserveMs(30_000, patch.retryCount ?? 0, reserveRetries) : 0;
    expect(used).toBeLessThanOrEqual((patch.retentionRemainingMs ?? 0) - MIN);
  });

  test('no room for a failed next delivery: re-drive (the last-resort retry behind it)', () => {
    const p = plan({ ...short, pending: 0, unreadable: 1, retryCount: 2, priorAttempts: 2, retentionRemainingMs: 300_000 });
    expect(kinds(p.steps)).toEqual(['dead-letter failed permanent', 'redrive', 'retry']);
  });

  test.each<[string, number, number]>([
    // name, remaining, failure reserve -> room
    ['a quota window fits before the reserve: the reserve is kept', 600_000, 270_000],
    ['it does not: anywhere inside the window (every way out was refused)', 300_000, 270_000],
  ])('lastResortRoomMs: %s', (_name, remaining, failureReserve) => {
    const input: RetryInput = { now: 0, firstQueuedAt: 0, maxAgeMs: 72 * HOUR, retryCount: 1, maxRetries: 4, retentionRemainingMs: remaining, retentionMarginMs: MIN, priorAttempts: 1, failureReserveMs: failureReserve };
    const safe = remaining - MIN - failureReserve;
    expect(lastResortRoomMs(input)).toBe(safe >= QUOTA_WINDOW_MS ? safe : remaining - MIN);
  });
});
