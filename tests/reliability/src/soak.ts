#!/usr/bin/env node
/**
 * `pnpm soak [--histories N] [--seed S] [--steps M] [--workers W] [--minutes T] [--features all|baseline]`:
 * runs N generated histories on W worker threads (default: one per core) and prints totals. History
 * i is drawn from seed S + i and worker w runs the histories i ≡ w (mod W), so the split is fixed and
 * any history re-runs alone with `--seed <S+i> --histories 1` (add `--show` to print it).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Tally, formatTally, merge } from './run/tally.js';
import { type Shard, runShard } from './soak/shard.js';
import { readArgsOrExit } from './cli/args.js';

const SOAK_USAGE = 'usage: node dist/soak.js [--histories N] [--seed S] [--steps M] [--workers W] [--minutes T]\n       [--features all|baseline] [--progress N] [--show]\n(pnpm soak takes the same options; see tests/reliability/README.md)';
const SOAK_OPTIONS = {
  histories: { type: 'string', default: '100000' },
  seed: { type: 'string', default: '20261128' },
  steps: { type: 'string', default: '8' },
  workers: { type: 'string', default: String(availableParallelism()) },
  progress: { type: 'string', default: '1000' },
  /** Stop starting histories after this many wall-clock minutes and print what ran (the count printed is exact). */
  minutes: { type: 'string' },
  /** Issue 10's shapes on (`all`, the default) or only the shapes before it (`baseline`). */
  features: { type: 'string', default: 'all' },
  /** Print each history (placeholders by name) before running it. */
  show: { type: 'boolean', default: false },
} as const;
const values = readArgsOrExit(SOAK_OPTIONS, SOAK_USAGE);
const histories = positiveInt('histories', values.histories);
const seed = positiveInt('seed', values.seed);
const workers = Math.min(positiveInt('workers', values.workers), histories);
const progress = positiveInt('progress', values.progress);
const budgetMs = values.minutes === undefined ? Infinity : positiveInt('minutes', values.minutes) * 60_000;
if (values.features !== 'all' && values.features !== 'baseline') throw new TypeError(`--features must be all or baseline, got ${values.features}`);

const out = process.stdout;
const started = performance.now();
const cpuStart = process.cpuUsage();
const shard = (index: number): Shard => ({
  seed,
  histories,
  index,
  of: workers,
  steps: positiveInt('steps', values.steps),
  features: values.features as 'all' | 'baseline',
  stopAfterMs: budgetMs,
  show: values.show,
});
out.write(`soak: ${histories} histories from seed ${seed} on ${workers} worker thread(s), features ${values.features}\n`);

const done = new Array<number>(workers).fill(0);
const failed = new Array<number>(workers).fill(0);
let reported = 0;
const onProgress = (w: number, histories: number, failing: number): void => {
  done[w] = histories;
  failed[w] = failing;
  const total = done.reduce((a, b) => a + b, 0);
  if (total >= reported + progress) {
    reported = total - (total % progress);
    const failingTotal = failed.reduce((a, b) => a + b, 0);
    out.write(`  ${total} histories, ${((performance.now() - started) / 1000).toFixed(0)} s, ${failingTotal} failing\n`);
  }
};

const tallies =
  workers === 1
    ? [await runShard({ ...shard(0), stopAfterMs: started + budgetMs }, (t) => { onProgress(0, t.histories, t.failed); }, (l) => out.write(`${l}\n`))]
    : await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(w)));

const tally = merge(tallies);
const cpu = process.cpuUsage(cpuStart);
if (tally.histories < histories) out.write(`soak: time budget of ${values.minutes ?? ''} min reached after ${tally.histories} of ${histories} histories\n`);
out.write(`${formatTally(tally, { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, workers })}\n`);
for (const f of tally.failing) out.write(`FAIL seed ${f.seed}:\n  ${f.problems.join('\n  ')}\n`);
process.exitCode = tally.failed === 0 ? 0 : 1;

/** A worker thread for shard w; its clock (performance.now()) starts at 0, so it gets the budget itself. */
function runWorker(w: number): Promise<Tally> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./soak/worker.js', import.meta.url), { workerData: { ...shard(w), stopAfterMs: budgetMs } });
    worker.on('message', (m: { kind: 'progress'; histories: number; failed: number } | { kind: 'line'; line: string } | { kind: 'done'; tally: Tally }) => {
      if (m.kind === 'progress') onProgress(w, m.histories, m.failed);
      else if (m.kind === 'line') out.write(`${m.line}\n`);
      else resolve(m.tally);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`soak worker ${w} exited with code ${code}`));
    });
  });
}

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`--${name} must be a positive integer, got ${raw}`);
  return n;
}
