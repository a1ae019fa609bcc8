import { type Quotas, unitsFor } from './quotas.js';

/** Keys per KVS batch call (platform limit). */
export const BATCH_KEYS = 25;

export interface LowerBoundInput {
  /** Byte size (JSON of key + value) of each distinct key's final value. */
  finalKeyBytes: readonly number[];
  /** Time over which the producer's work arrives (first to last event), ms. */
  arrivalWindowMs: number;
  quotas: Pick<Quotas, 'kvsWriteUnitsPerMinute' | 'kvsRequestsPerSecond'>;
}

export interface LowerBound {
  /** max(arrival window, quota time). */
  ms: number;
  arrivalWindowMs: number;
  quotaMs: number;
  minimalRequests: number;
  minimalUnits: number;
}

/**
 * The fastest any strategy could drain: each distinct final key written once, packed 25 keys to
 * a batch request (each rounded up to 10 KB units), at the write-unit and request quotas.
 */
export function lowerBound(input: LowerBoundInput): LowerBound {
  const { finalKeyBytes, arrivalWindowMs, quotas } = input;
  let minimalUnits = 0;
  let minimalRequests = 0;
  for (let start = 0; start < finalKeyBytes.length; start += BATCH_KEYS) {
    const batch = finalKeyBytes.slice(start, start + BATCH_KEYS);
    minimalUnits += unitsFor(batch.reduce((sum, bytes) => sum + bytes, 0));
    minimalRequests += 1;
  }
  const unitsMs = (minimalUnits / quotas.kvsWriteUnitsPerMinute) * 60_000;
  const requestsMs = (minimalRequests / quotas.kvsRequestsPerSecond) * 1000;
  const quotaMs = Math.max(unitsMs, requestsMs);
  return { ms: Math.max(arrivalWindowMs, quotaMs), arrivalWindowMs, quotaMs, minimalRequests, minimalUnits };
}
