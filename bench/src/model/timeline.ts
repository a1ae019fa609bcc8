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
  /** 429s answered so far (cumulative). */
  rateLimited: number;
}

type Cumulative = 'retries' | 'kvsWriteUnits' | 'kvsReadUnits' | 'rateLimited';

/** One virtual minute of a run: units charged and 429s answered during it, writes pending at its end. */
export interface MinuteFigures {
  writeUnits: number;
  readUnits: number;
  rateLimited: number;
  pendingWrites: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Cumulative `field` at `atMs`: the last sample at or before it (0 before the first). */
function cumulativeAt(samples: readonly Sample[], field: Cumulative, atMs: number): number {
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
export function perMinute(samples: readonly Sample[], field: Cumulative): Point[] {
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

/**
 * The per-minute figures of a run. Pending writes come from the last sample of each minute
 * (the bench computes them once a minute, at the sample 1 ms before the boundary).
 */
export function minuteFigures(samples: readonly Sample[]): MinuteFigures[] {
  const write = perMinute(samples, 'kvsWriteUnits');
  const read = perMinute(samples, 'kvsReadUnits');
  const refused = perMinute(samples, 'rateLimited');
  return write.map((point, minute) => {
    let pendingWrites = 0;
    for (const sample of samples) {
      if (sample.atMs >= (minute + 1) * 60_000) break;
      pendingWrites = sample.pendingWrites;
    }
    return { writeUnits: point.y, readUnits: read[minute]?.y ?? 0, rateLimited: refused[minute]?.y ?? 0, pendingWrites };
  });
}
