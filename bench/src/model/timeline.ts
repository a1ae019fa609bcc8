/** One sample of an installation's state at a virtual time. */
export interface Sample {
  /** Virtual ms since the run started. */
  atMs: number;
  /** Events waiting: queued + delayed + retrying + in flight. */
  queueDepth: number;
  /** Writes requested so far and not yet visible in KVS. */
  pendingWrites: number;
  /** Cumulative counters. */
  retries: number;
  kvsWriteUnits: number;
  kvsReadUnits: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Cumulative `field` at `atMs`: the last sample at or before it (0 before the first). */
function cumulativeAt(samples: readonly Sample[], field: 'retries' | 'kvsWriteUnits' | 'kvsReadUnits', atMs: number): number {
  let value = 0;
  for (const sample of samples) {
    if (sample.atMs > atMs) break;
    value = sample[field];
  }
  return value;
}

/**
 * Per-minute increments of a cumulative counter: point x = minute index (0-based),
 * y = increase during [x, x+1) minutes. Samples must be sorted by time and include
 * every minute boundary for exact figures.
 */
export function perMinute(samples: readonly Sample[], field: 'retries' | 'kvsWriteUnits' | 'kvsReadUnits'): Point[] {
  const last = samples.at(-1);
  if (last === undefined) return [];
  const minutes = Math.max(1, Math.ceil(last.atMs / 60_000));
  const points: Point[] = [];
  for (let minute = 0; minute < minutes; minute += 1) {
    const from = minute === 0 ? 0 : cumulativeAt(samples, field, minute * 60_000);
    const to = cumulativeAt(samples, field, (minute + 1) * 60_000);
    points.push({ x: minute, y: to - from });
  }
  return points;
}

/** A sampled gauge as chart points (x in minutes). */
export function gauge(samples: readonly Sample[], field: 'queueDepth' | 'pendingWrites' | 'retries'): Point[] {
  return samples.map((sample) => ({ x: sample.atMs / 60_000, y: sample[field] }));
}
