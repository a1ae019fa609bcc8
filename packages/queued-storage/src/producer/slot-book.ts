import { bookableSlot } from '../pace/slots.js';
import type { QuotaEstimate } from '../pace/estimate.js';

/** A booking whose holder has not come back this long after its time is given up. */
const GRACE_MS = 5_000;

/**
 * Write-unit slots this storage instance booked for triggers told to come back, per installation
 * (a module-level storage in a warm runtime shares them among its invocations).
 */
export interface SlotBook {
  /** When `units` could be booked now (nothing booked). */
  slotAt(installation: string, e: QuotaEstimate, now: number, units: number): number;
  book(installation: string, at: number, units: number): void;
  /** The holder of the slot at `at` came back (used it, or gave it up). */
  release(installation: string, at: number, units: number): void;
}

export function createSlotBook(minGapMs: (e: QuotaEstimate) => number): SlotBook {
  const lists = new Map<string, number[]>();
  // A clock that went back (a test harness reusing the module) strands every booking: forget them.
  let lastNow = Number.NEGATIVE_INFINITY;
  const live = (installation: string, now: number): number[] => {
    if (now < lastNow) lists.clear();
    lastNow = now;
    const list = lists.get(installation) ?? [];
    let stale = 0;
    while (stale < list.length && (list[stale] ?? 0) <= now - GRACE_MS) stale += 1;
    if (stale > 0) list.splice(0, stale);
    return list;
  };
  return {
    slotAt: (installation, e, now, units) => bookableSlot(e, live(installation, now), now, units, minGapMs(e)),
    book(installation, at, units) {
      const list = lists.get(installation) ?? [];
      // Ascending: bookings almost always come at the tail.
      let i = list.length;
      while (i > 0 && (list[i - 1] ?? 0) > at) i -= 1;
      list.splice(i, 0, ...Array.from({ length: units }, () => at));
      lists.set(installation, list);
    },
    release(installation, at, units) {
      const list = lists.get(installation);
      if (list === undefined) return;
      for (let u = 0; u < units; u++) {
        const i = list.indexOf(at);
        if (i >= 0) list.splice(i, 1);
      }
    },
  };
}
