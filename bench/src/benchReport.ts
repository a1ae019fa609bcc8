import type { RunResult } from './model/result.js';
import { formatRateLimitedByCall, formatResults, formatTargets } from './report/benchTable.js';
import { SCENARIOS } from './scenarios/definitions.js';
import { QUOTA_WINDOWS } from './scenarios/types.js';
import { checkTarget, type TargetCheck } from './targets.js';

/** Target checks for every scenario that has both a baseline and a library result. */
export function checkAll(results: readonly RunResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const scenario of SCENARIOS) {
    for (const window of QUOTA_WINDOWS) {
      const library = results.find((r) => r.scenario === scenario.name && r.window === window && r.strategy === 'library');
      const baseline = results.find((r) => r.scenario === scenario.name && r.window === window && r.strategy === 'baseline');
      if (library === undefined || baseline === undefined) continue;
      for (const target of scenario.targets) checks.push(checkTarget(target, library, baseline));
    }
  }
  return checks;
}

/** The printed benchmark: results table, notes, targets table. */
export function benchText(results: readonly RunResult[], checks: readonly TargetCheck[]): string {
  const notes = results.flatMap((r) => r.notes.map((note) => `  ${r.scenario}/${r.strategy}/${r.window}: ${note}`));
  // The bound must hold for any run that did all the work: a drain below it means its model is wrong.
  for (const r of results) {
    if (r.lost === 0 && r.deadLettered === 0 && r.drainMs < r.lowerBoundMs) notes.push(`  ${r.scenario}/${r.strategy}/${r.window}: drained below the lower bound (the bound's model misses something)`);
  }
  return [
    formatResults(results),
    '',
    'drain = virtual time from the first event to the last delivery; LB = lower bound set by the arrival window and every',
    'quota under the run\'s window model (README); 429/w = 429s (KVS + push) per applied write; units = KVS 10 KB',
    'quota units (read + write); lost/stale/DL = writes lost, stale keys, writes dead-lettered.',
    '',
    '429s per applied write by call kind:',
    formatRateLimitedByCall(results),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
    '',
    formatTargets(checks),
    '',
    `targets met: ${checks.filter((c) => c.pass).length}/${checks.length}`,
  ].join('\n');
}
