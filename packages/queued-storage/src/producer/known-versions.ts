import { compareStamps } from '../hlc.js';
import type { Operation } from '../operation.js';
import { setNewest } from '../bounded.js';

/** Keys whose newest written version a storage instance remembers. */
const MAX_KEYS = 10_000;

/**
 * The newest version this storage instance has written per key (ordered mode). A version record
 * only ever moves forward, so a write whose stamp is not newer than one this instance already
 * wrote to the same key is stale for sure: it is settled without a KVS call, where its conditional
 * transaction would be refused (409) and cost a version read and a second transaction. A retried
 * trigger of an older item (its `most-recent-*` key long overwritten) is the common case.
 */
export interface KnownVersions {
  /** Splits `ops` into those still to write and how many are known stale. */
  split(installation: string, ops: readonly Operation[], now: number): { fresh: Operation[]; stale: number };
  /** `ops` were written (their versions are stored). */
  learn(installation: string, ops: readonly Operation[], now: number): void;
}

export function createKnownVersions(): KnownVersions {
  const newest = new Map<string, string>();
  const id = (installation: string, key: string): string => `${installation}\u0000${key}`;
  // A clock that went back (a test harness reusing the module with a fresh store) makes all of it unknown.
  let lastNow = Number.NEGATIVE_INFINITY;
  const tick = (now: number): void => {
    if (now < lastNow) newest.clear();
    lastNow = now;
  };
  return {
    split(installation, ops, now) {
      tick(now);
      const fresh = ops.filter((op) => {
        const known = newest.get(id(installation, op.k));
        return known === undefined || compareStamps(known, op.s) < 0;
      });
      return { fresh, stale: ops.length - fresh.length };
    },
    learn(installation, ops, now) {
      tick(now);
      for (const op of ops) {
        const key = id(installation, op.k);
        const known = newest.get(key);
        if (known !== undefined && compareStamps(known, op.s) >= 0) continue;
        setNewest(newest, key, op.s, MAX_KEYS);
      }
    },
  };
}
