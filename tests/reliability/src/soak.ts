#!/usr/bin/env node
/**
 * `pnpm soak [--histories N] [--seed S] [--steps M]`: runs N generated histories (history i is drawn
 * from seed S + i, so any one can be re-run alone with --seed S+i --histories 1) and prints totals.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { historyArb } from './gen/history.js';
import { captureConsole, linesContaining } from './run/console.js';
import { runHistory } from './run/runHistory.js';
import { add, emptyTally, formatTally } from './run/tally.js';
import { VALUE_MARKER_PREFIX } from './run/values.js';

const { values } = parseArgs({
  options: {
    histories: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261128' },
    steps: { type: 'string', default: '8' },
    progress: { type: 'string', default: '1000' },
    /** Stop after this many wall-clock minutes and print what ran (the count printed is exact). */
    minutes: { type: 'string' },
  },
});
const histories = positiveInt('histories', values.histories);
const seed = positiveInt('seed', values.seed);
const arb = historyArb({ maxSteps: positiveInt('steps', values.steps), maxInstallations: 2 });
const progress = positiveInt('progress', values.progress);
const budgetMs = values.minutes === undefined ? Infinity : positiveInt('minutes', values.minutes) * 60_000;

const out = process.stdout;
const tally = emptyTally();
const started = performance.now();
out.write(`soak: ${histories} histories from seed ${seed}\n`);
let stoppedEarly = false;
for (let i = 0; i < histories; i += 1) {
  if (performance.now() - started > budgetMs) {
    stoppedEarly = true;
    break;
  }
  const historySeed = seed + i;
  const [history] = fc.sample(arb, { seed: historySeed, numRuns: 1 });
  if (history === undefined) throw new Error('fast-check produced no history');
  const capture = captureConsole();
  try {
    const report = await runHistory(history, { tag: `s${historySeed}` });
    add(tally, historySeed, report, linesContaining(capture.lines, VALUE_MARKER_PREFIX).length);
  } finally {
    capture.restore();
  }
  if ((i + 1) % progress === 0) {
    out.write(`  ${i + 1} histories, ${((performance.now() - started) / 1000).toFixed(0)} s, ${tally.failed} failing\n`);
  }
}
if (stoppedEarly) out.write(`soak: time budget of ${values.minutes ?? ''} min reached after ${tally.histories} of ${histories} histories\n`);
out.write(`${formatTally(tally, performance.now() - started)}\n`);
for (const f of tally.failing) out.write(`FAIL seed ${f.seed}:\n  ${f.problems.join('\n  ')}\n`);
process.exitCode = tally.failed === 0 ? 0 : 1;

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`--${name} must be a positive integer, got ${raw}`);
  return n;
}
