import { fingerprint } from './fingerprint.js';
import type { ProducerLog } from './producerLog.js';

export interface WriteOutcome {
  /** Logical writes the producer asked for. */
  requested: number;
  /** Writes whose value, or a later write to the same key, is the key's final value. */
  applied: number;
  /** Writes not applied whose key has a dead-letter record. */
  deadLettered: number;
  /** Writes not applied and not dead-lettered. */
  lost: number;
  /** Keys whose final value is an older write than the producer's last performed one. */
  staleKeys: number;
  /** Of `lost`, the newer writes hidden by a stale key's older final value. */
  lostToStale: number;
  /** Keys the producer wrote. */
  keys: number;
}

/**
 * Compares final KVS contents with the producer log. For a key written w1..wn whose final
 * value is wj, writes w1..wj count as applied (later writes superseded the earlier ones) and
 * wj+1..wn as dead-lettered (if the key has a dead letter) or lost. A final value older than the
 * last write the producer performed (or, if it could not be observed, the last one asked for)
 * makes the key stale.
 */
export function classifyWrites(
  log: ProducerLog,
  readFinal: (key: string) => unknown,
  deadLetterKeys: ReadonlySet<string>,
): WriteOutcome {
  const outcome: WriteOutcome = { requested: 0, applied: 0, deadLettered: 0, lost: 0, staleKeys: 0, lostToStale: 0, keys: 0 };
  for (const key of log.keys()) {
    const prints = log.printsFor(key);
    const final = readFinal(key);
    const index = final === undefined ? -1 : prints.lastIndexOf(fingerprint(final));
    const unapplied = prints.length - (index + 1);
    outcome.keys += 1;
    outcome.requested += prints.length;
    outcome.applied += index + 1;
    if (deadLetterKeys.has(key)) outcome.deadLettered += unapplied;
    else outcome.lost += unapplied;
    const performed = log.performedCount(key);
    const lastPerformed = (performed > 0 ? performed : prints.length) - 1;
    if (index >= 0 && index < lastPerformed) {
      outcome.staleKeys += 1;
      if (!deadLetterKeys.has(key)) outcome.lostToStale += unapplied;
    }
  }
  return outcome;
}
