import fc from 'fast-check';
import { ALL_FEATURES, BASELINE_FEATURES, historyArb, showHistory } from '../gen/history.js';
import { runAndJudge } from '../run/judge.js';
import { type Tally, add, emptyTally } from '../run/tally.js';

/** One worker's share of a soak: histories i = index, index + of, index + 2·of, … below `histories`. */
export interface Shard {
  readonly seed: number;
  readonly histories: number;
  readonly index: number;
  readonly of: number;
  readonly steps: number;
  readonly features: 'all' | 'baseline';
  /** Wall-clock time (performance.now() of this thread) after which no new history starts. */
  readonly stopAfterMs: number;
  readonly show: boolean;
}

/**
 * Runs a shard. History i is always drawn from seed `seed + i`, whatever the number of workers, so a
 * failing history re-runs alone with `--seed <seed + i> --histories 1`.
 */
export async function runShard(shard: Shard, onHistory: (tally: Tally) => void, print: (line: string) => void): Promise<Tally> {
  const arb = historyArb({
    maxSteps: shard.steps,
    maxInstallations: 2,
    features: shard.features === 'all' ? ALL_FEATURES : BASELINE_FEATURES,
  });
  const tally = emptyTally();
  for (let i = shard.index; i < shard.histories; i += shard.of) {
    if (performance.now() > shard.stopAfterMs) break;
    const historySeed = shard.seed + i;
    const [history] = fc.sample(arb, { seed: historySeed, numRuns: 1 });
    if (history === undefined) throw new Error('fast-check produced no history');
    if (shard.show) print(showHistory(history));
    add(tally, historySeed, await runAndJudge(history, { tag: `s${historySeed}` }));
    onHistory(tally);
  }
  return tally;
}
