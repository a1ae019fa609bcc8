import { compareStamps } from '../hlc.js';
import { setNewest } from '../bounded.js';

/**
 * The newest version stamp an instance has seen stored per key (ordered mode): written by its own
 * transactions, read from version records, or proven by a refused condition. Version records only
 * grow (every write is conditional on a lower stamp), so each entry is a lower bound of what KVS
 * holds: an operation whose stamp is not above it is stale and needs no call at all. Bounded: the
 * least recently raised keys are forgotten first (forgetting only costs a call, never correctness).
 */
export interface KnownVersions {
  /** The newest stamp known stored under `key`, if any. */
  get(key: string): string | undefined;
  /** KVS is known to hold `stamp` or newer under `key`. */
  raise(key: string, stamp: string): void;
}

/** Keys remembered per installation by default (about 100 bytes each). */
export const KNOWN_VERSIONS_MAX_KEYS = 10_000;

export function createKnownVersions(maxKeys = KNOWN_VERSIONS_MAX_KEYS): KnownVersions {
  const stamps = new Map<string, string>();
  return {
    get: (key) => stamps.get(key),
    raise(key, stamp) {
      const known = stamps.get(key);
      if (known !== undefined && compareStamps(known, stamp) >= 0) return;
      setNewest(stamps, key, stamp, maxKeys);
    },
  };
}

/** Whether an operation stamped `stamp` on `key` is known stale (a newer or equal version is stored). */
export function knownStale(known: KnownVersions | undefined, key: string, stamp: string): boolean {
  const stored = known?.get(key);
  return stored !== undefined && compareStamps(stored, stamp) >= 0;
}

/** One KnownVersions per installation (a consumer instance serves every installation of its runtime). */
export interface KnownVersionsByInstallation {
  of(installation: string): KnownVersions;
}

export function knownVersionsByInstallation(maxKeys = KNOWN_VERSIONS_MAX_KEYS): KnownVersionsByInstallation {
  const byInstallation = new Map<string, KnownVersions>();
  return {
    of(installation) {
      let known = byInstallation.get(installation);
      if (known === undefined) {
        known = createKnownVersions(maxKeys);
        byInstallation.set(installation, known);
      }
      return known;
    },
  };
}
