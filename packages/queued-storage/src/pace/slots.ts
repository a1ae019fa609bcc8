import type { QuotaEstimate } from './estimate.js';

/**
 * Write-unit slots booked by work told to come back (a trigger's timed retry): the times at which
 * their units are expected to be spent, ascending. Pure functions; the producer keeps one list per
 * installation (producer/slot-book.ts).
 */
export type Bookings = readonly number[];

/**
 * The first moment, not before `now`, at which `units` more write units fit the estimated limit in
 * every window that holds them, counting this instance's spends and the units booked by others as
 * spent at their times: the sliding-window reading, exact for a sliding quota and never early for a
 * fixed one. First come, first served: never before the last booking plus `minGapMs` (so booked work
 * comes back spread out, not as a burst on the per-second request limit), never before a refusal's
 * block ends.
 */
export function bookableSlot(e: QuotaEstimate, booked: Bookings, now: number, units: number, minGapMs: number): number {
  const spent = e.spent.filter((s) => s.at > now - e.windowMs);
  const total = spent.reduce((n, s) => n + s.units, 0) + booked.length;
  const lastBooked = booked.at(-1);
  let at = Math.max(now, lastBooked === undefined ? now : lastBooked + minGapMs, e.blockedUntil);
  // The window ending at `at` must hold at most limit - units of them: the j-th oldest must have left.
  const j = total + units - Math.max(1, e.limit);
  if (j > 0) at = Math.max(at, jthOldest(spent, booked, Math.min(j, total)) + e.windowMs);
  return at;
}

/** The j-th (1-based) oldest unit of two ascending lists (spends counted per unit). */
function jthOldest(spent: ReadonlyArray<{ at: number; units: number }>, booked: Bookings, j: number): number {
  let i = 0;
  let b = 0;
  let seen = 0;
  let used = 0; // units of spent[i] already counted
  for (;;) {
    const s = spent[i];
    const k = booked[b];
    if (s !== undefined && (k === undefined || s.at <= k)) {
      const take = Math.min(s.units - used, j - seen);
      seen += take;
      used += take;
      if (seen >= j) return s.at;
      i += 1;
      used = 0;
    } else if (k !== undefined) {
      seen += 1;
      if (seen >= j) return k;
      b += 1;
    } else {
      return Number.NEGATIVE_INFINITY;
    }
  }
}
