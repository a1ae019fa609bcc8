import type { RunReport } from './runHistory.js';
import { knownGapFindings, violations } from './verdict.js';

export interface Tally {
  histories: number;
  operations: number;
  faults: number;
  rejected: number;
  lost: number;
  lostKnownGap: number;
  platformDrops: number;
  stale: number;
  deadLettered: number;
  lostAfterReplay: number;
  staleAfterReplay: number;
  crashes: number;
  unhonoured429: number;
  untypedErrors: number;
  valueLeaks: number;
  failed: number;
  failing: Array<{ seed: number; problems: string[] }>;
}

export function emptyTally(): Tally {
  return {
    histories: 0,
    operations: 0,
    faults: 0,
    rejected: 0,
    lost: 0,
    lostKnownGap: 0,
    platformDrops: 0,
    stale: 0,
    deadLettered: 0,
    lostAfterReplay: 0,
    staleAfterReplay: 0,
    crashes: 0,
    unhonoured429: 0,
    untypedErrors: 0,
    valueLeaks: 0,
    failed: 0,
    failing: [],
  };
}

export function add(tally: Tally, seed: number, report: RunReport, leakedLines: number): void {
  tally.histories += 1;
  tally.operations += report.operations;
  tally.faults += report.faults;
  tally.rejected += report.rejected;
  tally.lost += report.beforeReplay.lost.length;
  tally.lostKnownGap += knownGapFindings(report).length;
  tally.platformDrops += Object.values(report.dropped).reduce((a, b) => a + b, 0);
  tally.stale += report.beforeReplay.stale.length;
  tally.deadLettered += report.deadLettered;
  tally.lostAfterReplay += report.afterReplay.lost.length;
  tally.staleAfterReplay += report.afterReplay.stale.length;
  tally.crashes += report.crashes;
  tally.unhonoured429 += report.unhonoured429.length;
  tally.untypedErrors += report.untypedErrors.length;
  tally.valueLeaks += leakedLines;
  const problems = violations(report);
  if (leakedLines > 0) problems.push(`${leakedLines} console line(s) printed a stored value`);
  if (problems.length > 0) tally.failed += 1;
  if (problems.length > 0 && tally.failing.length < 20) tally.failing.push({ seed, problems });
}

export function formatTally(t: Tally, wallMs: number): string {
  const rows: Array<[string, number | string]> = [
    ['histories', t.histories],
    ['operations (logical writes)', t.operations],
    ['faults injected', t.faults],
    ['consumer crashes mid-batch', t.crashes],
    ['producer calls rejected (typed)', t.rejected],
    ['dead-lettered', t.deadLettered],
    ['lost', t.lost],
    ['  of which in events the platform dropped (G1)', t.lostKnownGap],
    ['events dropped by the platform', t.platformDrops],
    ['stale', t.stale],
    ['lost after replay', t.lostAfterReplay],
    ['stale after replay', t.staleAfterReplay],
    ['429s not honoured', t.unhonoured429],
    ['untyped producer errors', t.untypedErrors],
    ['console lines leaking values', t.valueLeaks],
    ['histories failing a guarantee', t.failed],
    ['wall time (s)', (wallMs / 1000).toFixed(1)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n');
}
