/**
 * Pure pacing policy for one per-minute quota of one installation: what this runtime instance spent
 * in the last window, an estimate of the limit in force (the published default, lowered by what a
 * 429 teaches), and a schedule of the units already promised to waiting work. Every function
 * returns a new state; the caller keeps it (registry.ts).
 */
export interface QuotaEstimate {
  /** Estimated units per window (starts at the published limit). */
  limit: number;
  windowMs: number;
  /** Units spent by this instance, oldest first, within the last window. */
  spent: ReadonlyArray<{ at: number; units: number }>;
  /** Until when the units are promised to work already told to come back (reserve()). */
  reservedUntil: number;
  /** A refused call: the quota is treated as spent until then. */
  blockedUntil: number;
  /** Units of calls KVS accepted within the last window, oldest first (kept by recordAccepted). */
  accepted?: ReadonlyArray<{ at: number; units: number }> | undefined;
  /** The most units accepted within one window lately, and when: what the quota has shown it takes. */
  best?: { units: number; at: number } | undefined;
  /** The last refusal that taught something, and how many came in a row with nothing accepted between. */
  refusedAt?: number | undefined;
  streak?: number | undefined;
}

/** How long the best accepted window counts as evidence of the limit. */
const BEST_WINDOWS = 3;

/** How long a refusal blocks when this instance does not know the window to be full. */
const PER_SECOND_MS = 1_000;

export function freshEstimate(limit: number, windowMs = 60_000): QuotaEstimate {
  return { limit, windowMs, spent: [], reservedUntil: 0, blockedUntil: 0 };
}

const live = (e: QuotaEstimate, now: number) => e.spent.filter((s) => s.at > now - e.windowMs);

export function spentIn(e: QuotaEstimate, now: number): number {
  return live(e, now).reduce((sum, s) => sum + s.units, 0);
}

/** Units spent now (a call that was accepted). */
export function recordSpent(e: QuotaEstimate, now: number, units: number, raiseLimit = true): QuotaEstimate {
  const spent = [...live(e, now), { at: now, units }];
  // A paced caller books by the sliding reading, in which a fixed window's boundary can show up to
  // twice the limit accepted: it keeps the limit (raiseLimit false).
  if (!raiseLimit) return { ...e, spent };
  // Accepted beyond the estimate: the limit is at least what was accepted.
  const used = spent.reduce((sum, s) => sum + s.units, 0);
  return { ...e, spent, limit: Math.max(e.limit, used) };
}

/**
 * A call was refused (429): the quota is spent until the oldest unit this instance knows of leaves
 * the window (one second when it does not know the window to be full), and the limit comes down to what was spent,
 * at most halving per refusal (a per-second limit may have refused it; accepted calls raise it again).
 */
export function learnRefusal(e: QuotaEstimate, now: number, unknownBlockMs = PER_SECOND_MS): QuotaEstimate {
  const spent = live(e, now);
  // Concurrent calls refused while a refusal is already known teach nothing new.
  if (now < e.blockedUntil) return { ...e, spent };
  const used = spent.reduce((sum, s) => sum + s.units, 0);
  const limit = Math.min(e.limit, Math.max(used, Math.ceil(e.limit / 2)));
  // Known full: blocked until the oldest known unit leaves the window; otherwise a per-second limit
  // may have refused it: `unknownBlockMs` (one second; a whole window for a quota without a
  // per-second limit, such as pushes: others filled it, and it reopens within a window).
  const reopens = used >= limit && spent.length > 0 ? (spent[0] as { at: number }).at + e.windowMs : now + unknownBlockMs;
  return { ...e, spent, limit, blockedUntil: Math.max(e.blockedUntil, reopens) };
}

/** Units spent within the last second below which a refusal cannot be a per-second request limit's. */
export const QUIET_SECOND_UNITS = 50;

/**
 * A refused write of a paced caller (a trigger that books slots): when this instance spent fewer
 * than {@link QUIET_SECOND_UNITS} units in the last second, no per-second request limit (1,000 a
 * second published; 100 at a tenth) can have refused it, so the window quota did: the limit is what
 * this instance spent in the window (others' spends hide in it), and the quota is spent until the
 * oldest of them leaves. Otherwise it learns as {@link learnRefusal} does (at most halving).
 */
export function learnWindowRefusal(e: QuotaEstimate, now: number): QuotaEstimate {
  const spent = live(e, now);
  if (now < e.blockedUntil) return { ...e, spent };
  const lastSecond = spent.filter((s) => s.at > now - PER_SECOND_MS).reduce((sum, s) => sum + s.units, 0);
  const used = spent.reduce((sum, s) => sum + s.units, 0);
  if (lastSecond >= QUIET_SECOND_UNITS || spent.length === 0) return learnRefusal(e, now);
  const limit = Math.min(e.limit, Math.max(1, used));
  return { ...e, spent, limit, blockedUntil: Math.max(e.blockedUntil, (spent[0] as { at: number }).at + e.windowMs) };
}

/**
 * A refusal of a quota with no per-second limit (pushes) that this instance did not fill: others
 * (consumers re-driving events, other invocations) spent the shared window. It is blocked until the
 * window reopens, but the limit stays: the next window is shared afresh, and a limit halved per
 * refusal (growing back a tenth per quiet window) held retried triggers below a window that had
 * room minutes later, until the platform dropped them at its retry cap (issue 14).
 */
export function learnOthersFilled(e: QuotaEstimate, now: number): QuotaEstimate {
  return { ...learnRefusal(e, now, e.windowMs), limit: e.limit };
}

/**
 * A lowered limit grows back by a tenth per whole window without a refusal, up to `published`, so
 * an estimate lowered by a per-second limit or a passing storm does not hold the pace down for good.
 */
export function relax(e: QuotaEstimate, now: number, published: number): QuotaEstimate {
  if (e.limit >= published || e.blockedUntil === 0) return e;
  const quietWindows = Math.floor((now - e.blockedUntil) / e.windowMs);
  if (quietWindows < 1) return e;
  return { ...e, limit: Math.min(published, Math.round(e.limit * 1.1 ** quietWindows)), blockedUntil: now - (now - e.blockedUntil) % e.windowMs };
}

/** Whether a call of `units` is expected to be refused now. */
export function expectRefusal(e: QuotaEstimate, now: number, units: number): boolean {
  return now < e.blockedUntil || spentIn(e, now) + units > e.limit;
}

/**
 * The first moment the estimate says `units` are free for new work: now if the window has room,
 * else when the oldest known unit leaves it; never before a refusal's block ends nor before the
 * units already promised to others (reserve()).
 */
export function earliestSlot(e: QuotaEstimate, now: number, units: number): number {
  const spent = live(e, now);
  const room = e.limit - spent.reduce((sum, s) => sum + s.units, 0);
  const free = Math.max(now < e.blockedUntil ? e.blockedUntil : now, room >= units ? now : ((spent[0]?.at ?? now) + e.windowMs));
  return Math.max(free, e.reservedUntil);
}

/**
 * When work of `units` should come back: the first moment the estimate says those units are free,
 * after what is already promised to others (first come, first served at the estimated rate),
 * capped at `capMs` (about two windows) so a wrong estimate never strands work.
 */
export function reserve(e: QuotaEstimate, now: number, units: number, capMs: number): { delayMs: number; estimate: QuotaEstimate } {
  const spent = live(e, now);
  const at = earliestSlot(e, now, units);
  const perUnitMs = e.windowMs / Math.max(1, e.limit);
  const delayMs = Math.min(capMs, Math.max(0, at - now));
  // Promise the units only when the work comes back at its slot (a capped one queues again then).
  const reservedUntil = at - now <= capMs ? at + units * perUnitMs : e.reservedUntil;
  return { delayMs, estimate: { ...e, spent, reservedUntil } };
}

/** A call KVS accepted (its units were counted when it started): evidence that the quota flows. */
export function recordAccepted(e: QuotaEstimate, now: number, units: number): QuotaEstimate {
  const accepted = [...(e.accepted ?? []).filter((a) => a.at > now - e.windowMs), { at: now, units }];
  const inWindow = accepted.reduce((sum, a) => sum + a.units, 0);
  const stale = e.best === undefined || e.best.at <= now - BEST_WINDOWS * e.windowMs;
  const best = stale || inWindow >= (e.best?.units ?? 0) ? { units: inWindow, at: now } : e.best;
  return { ...e, accepted, best };
}

/** Whether a call was accepted lately (the quota refills; not a storm): the best window is recent. */
export function flowing(e: QuotaEstimate, now: number): boolean {
  return (e.accepted ?? []).some((a) => a.at > now - e.windowMs) || (e.best !== undefined && e.best.at > now - BEST_WINDOWS * e.windowMs);
}

/**
 * A consumer's write call was refused (429). Consecutive refusals with nothing accepted between them
 * block twice as long each (1 s, 2 s, 4 s, ... up to a window): a per-second limit clears at once,
 * a window others filled does not, and probing it every second only adds refusals. The limit comes
 * down as learnRefusal says, but never below what the quota accepted from this instance within one
 * window lately (a refusal caused by producers' direct writes is not a lower limit).
 */
export function learnConsumerRefusal(e: QuotaEstimate, now: number): QuotaEstimate {
  if (now < e.blockedUntil) return learnRefusal(e, now);
  const lastAccepted = e.accepted?.at(-1)?.at ?? -Infinity;
  const streak = e.refusedAt !== undefined && e.refusedAt > lastAccepted ? (e.streak ?? 0) + 1 : 0;
  const learned = learnRefusal(e, now, Math.min(e.windowMs, PER_SECOND_MS * 2 ** streak));
  const best = e.best !== undefined && e.best.at > now - BEST_WINDOWS * e.windowMs ? e.best.units : 0;
  return { ...learned, limit: Math.max(learned.limit, Math.min(e.limit, best)), streak, refusedAt: now };
}

/**
 * A consumer's lowered limit grows back quickly while it is in use: doubling per whole window
 * without a refusal, but never past twice the most units accepted within one window lately (what
 * was not tried is not known to pass) nor past `published`.
 */
export function relaxConsumer(e: QuotaEstimate, now: number, published: number): QuotaEstimate {
  if (e.limit >= published || e.blockedUntil === 0 || e.best === undefined) return e;
  const quietWindows = Math.floor((now - e.blockedUntil) / e.windowMs);
  if (quietWindows < 1) return e;
  const grown = Math.min(published, e.limit * 2 ** quietWindows, 2 * e.best.units);
  if (grown <= e.limit) return e;
  return { ...e, limit: Math.round(grown), blockedUntil: now - (now - e.blockedUntil) % e.windowMs };
}
