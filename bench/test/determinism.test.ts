// First, as in main.ts: Math.random must be seedable before any module keeps a reference to it.
import { seedMathRandom } from '../src/run/seedMathRandom.js';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { parseMainArgs } from '../src/cli/mainArgs.js';
import { runMainJob } from '../src/mainJob.js';
import { captureConsole } from '../src/run/captureConsole.js';

// Both apps, every fault kind (timeouts included), a write quota far below the load: 8 units a minute,
// so paced triggers cannot all book a slot within one retry (900 s) and their last retries push, and
// the consumers run too.
const ARGS = [
  '--seed', '7', '--issues', '150', '--pages', '50', '--window', '30s',
  '--quota', 'kvsWriteUnitsPerMinute=8',
  '--fault', 'kvs5xx=0.05', '--fault', 'push5xx=0.05', '--fault', 'duplicate=0.05', '--fault', 'timeout=0.03',
  '--fault', 'reorder=0.3', '--fault', 'push-partial=0.05',
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Fingerprint {
  attempts: string;
  metrics: string;
  outcomes: Set<string>;
  rateLimited: number;
}

/** The main job's own path (main.ts without the report): hashes of the attempt log and the figures. */
async function mainJobFingerprint(): Promise<Fingerprint> {
  const options = parseMainArgs(ARGS);
  const restoreRandom = seedMathRandom(options.seed);
  const quiet = captureConsole();
  const attempts: string[] = [];
  const outcomes = new Set<string>();
  try {
    const runs = await runMainJob(options, undefined, (entry) => {
      attempts.push(JSON.stringify(entry));
      outcomes.add(`${entry.kind}:${entry.outcome}`);
    });
    // Every figure but the machine's own (wall time, peak RSS).
    const figures = runs.map(({ name, result, samples }) => {
      const { wallMs: _wall, peakRssMb: _rss, ...rest } = result;
      return { name, rest, samples };
    });
    return { attempts: sha256(attempts.join('\n')), metrics: sha256(JSON.stringify(figures)), outcomes, rateLimited: runs.reduce((n, r) => n + r.result.rateLimited, 0) };
  } finally {
    quiet.restore();
    restoreRandom();
  }
}

/** Threads that keep every core busy until terminated. */
function burnCpu(threads: number): Worker[] {
  return Array.from({ length: threads }, () => new Worker('for (;;) {}', { eval: true }));
}

describe('determinism of the main job', () => {
  test('the same seed gives the same attempt log and figures, beside CPU-burning threads too', async () => {
    const quiet = await mainJobFingerprint();
    // The scenario is faulted and throttled: timed trigger retries, timeouts, consumers and 429s all happen.
    expect([...quiet.outcomes]).toEqual(expect.arrayContaining(['trigger:ok', 'trigger:retry', 'trigger:timeout', 'consumer:ok']));
    expect(quiet.rateLimited).toBeGreaterThan(0);
    const burners = burnCpu(2);
    try {
      const busy = await mainJobFingerprint();
      expect(busy.attempts).toBe(quiet.attempts);
      expect(busy.metrics).toBe(quiet.metrics);
    } finally {
      await Promise.all(burners.map((worker) => worker.terminate()));
    }
  }, 120_000);
});
