#!/usr/bin/env node
/**
 * `node dist/shrink.js --class <name> [--seed S] [--runs N] [--steps M]`: draws histories with the
 * class's features from seed S until one shows the class's finding, shrinks it with fast-check and
 * prints the seed, the shrink path and the minimal history (JSON, for test/regressions/seeds.ts).
 * A soak's failing history i re-shrinks with `--seed <S+i> --path 0 --steps 8 --all`.
 */
import fc from 'fast-check';
import { BUG_CLASSES, bugClass } from './gen/bug-classes.js';
import { ALL_FEATURES, historyArb, showHistory } from './gen/history.js';
import { runAndJudge } from './run/judge.js';
import { readArgsOrExit } from './cli/args.js';

const SHRINK_USAGE = 'usage: node dist/shrink.js --class <name> [--seed S] [--runs N] [--steps M] [--path P] [--all]\n(see tests/reliability/README.md)';
const SHRINK_OPTIONS = {
  class: { type: 'string' },
  seed: { type: 'string', default: '1' },
  runs: { type: 'string', default: '300' },
  steps: { type: 'string', default: '6' },
  /** Start from this counterexample path (e.g. `0` with a soak history's seed S+i and --steps 8 --all). */
  path: { type: 'string' },
  /** Draw with every feature on (as the soak does) instead of only the class's. */
  all: { type: 'boolean', default: false },
} as const;
const values = readArgsOrExit(SHRINK_OPTIONS, SHRINK_USAGE);
if (values.class === undefined) throw new TypeError(`--class is required: one of ${BUG_CLASSES.map((c) => c.name).join(', ')}`);
const target = bugClass(values.class);
const arb = historyArb({ maxSteps: Number(values.steps), maxInstallations: 2, features: values.all ? ALL_FEATURES : target.features });
const result = await fc.check(
  fc.asyncProperty(arb, async (history) => !target.found((await runAndJudge(history)).problems, history)),
  { seed: Number(values.seed), numRuns: Number(values.runs), ...(values.path === undefined ? {} : { path: values.path }) },
);
if (!result.failed || result.counterexample === null) {
  process.stdout.write(`${target.name}: not found in ${result.numRuns} histories from seed ${values.seed}\n`);
  process.exitCode = 1;
} else {
  const [history] = result.counterexample;
  const judged = await runAndJudge(history);
  process.stdout.write(
    `${JSON.stringify({ class: target.name, seed: result.seed, path: result.counterexamplePath, runs: result.numRuns, shrinks: result.numShrinks })}\n` +
      `${showHistory(history)}\n${judged.problems.join('\n')}\n`,
  );
}
