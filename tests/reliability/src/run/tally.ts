import type { Judged } from './judge.js';
import { lostInDroppedEvents } from './platform-drops.js';

export interface Tally {
  histories: number;
  operations: number;
  faults: number;
  rejected: number;
  lost: number;
  lostInDropped: number;
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
  /** Stale values that lost to an earlier write of the same producer. */
  producerOrder: number;
  unreadableLost: number;
  leakyReasons: number;
  badValuesAccepted: number;
  /** Consumer invocations, summed, and the most in one history (an event forked by re-drives multiplies them). */
  consumerInvocations: number;
  mostInvocations: { n: number; seed: number | undefined };
  faultKinds: Record<string, number>;
  failing: Array<{ seed: number; problems: string[] }>;
}

export function emptyTally(): Tally {
  return {
    histories: 0,
    operations: 0,
    faults: 0,
    rejected: 0,
    lost: 0,
    lostInDropped: 0,
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
    producerOrder: 0,
    unreadableLost: 0,
    leakyReasons: 0,
    badValuesAccepted: 0,
    consumerInvocations: 0,
    mostInvocations: { n: 0, seed: undefined },
    faultKinds: {},
    failing: [],
  };
}

export function add(tally: Tally, seed: number, judged: Judged): void {
  const { report, leakedLines, problems } = judged;
  tally.histories += 1;
  tally.operations += report.operations;
  tally.faults += report.faults;
  tally.rejected += report.rejected;
  tally.lost += report.beforeReplay.lost.length;
  tally.lostInDropped += lostInDroppedEvents(report).length;
  tally.platformDrops += Object.values(report.dropped).reduce((a, b) => a + b, 0);
  tally.stale += report.beforeReplay.stale.length;
  tally.deadLettered += report.deadLettered;
  tally.lostAfterReplay += report.afterReplay.lost.length;
  tally.staleAfterReplay += report.afterReplay.stale.length;
  tally.crashes += report.crashes;
  tally.unhonoured429 += report.unhonoured429.length;
  tally.untypedErrors += report.untypedErrors.length;
  tally.valueLeaks += leakedLines;
  tally.producerOrder += [...report.beforeReplay.stale, ...report.beforeReplay.lost].filter((f) => f.producerOrder).length;
  tally.unreadableLost += report.beforeReplay.unreadableLost.length;
  tally.leakyReasons += report.beforeReplay.leakyReasons.length;
  tally.badValuesAccepted += report.badValuesAccepted;
  tally.consumerInvocations += report.consumerInvocations;
  if (report.consumerInvocations > tally.mostInvocations.n) tally.mostInvocations = { n: report.consumerInvocations, seed };
  for (const [kind, n] of Object.entries(report.faultKinds)) tally.faultKinds[kind] = (tally.faultKinds[kind] ?? 0) + n;
  if (problems.length > 0) tally.failed += 1;
  if (problems.length > 0 && tally.failing.length < MAX_FAILING) tally.failing.push({ seed, problems });
}

const MAX_FAILING = 20;

/** Sums tallies of disjoint shards (worker threads); failing histories stay in seed order. */
export function merge(tallies: readonly Tally[]): Tally {
  const out = emptyTally();
  for (const t of tallies) {
    for (const [k, v] of Object.entries(t) as Array<[keyof Tally, unknown]>) {
      if (typeof v === 'number') (out[k] as number) += v;
    }
    for (const [kind, n] of Object.entries(t.faultKinds)) out.faultKinds[kind] = (out.faultKinds[kind] ?? 0) + n;
    out.failing.push(...t.failing);
    if (t.mostInvocations.n > out.mostInvocations.n) out.mostInvocations = t.mostInvocations;
  }
  out.failing.sort((a, b) => a.seed - b.seed).splice(MAX_FAILING);
  return out;
}

export interface RunFigures {
  readonly wallMs: number;
  /** CPU time of the whole process (every worker thread), user + system. */
  readonly cpuMs: number;
  readonly workers: number;
}

export function formatTally(t: Tally, run: RunFigures): string {
  const perSecond = t.histories / Math.max(run.wallMs / 1000, 1e-9);
  const rows: Array<[string, number | string]> = [
    ['histories', t.histories],
    ['operations (logical writes)', t.operations],
    ['faults injected', t.faults],
    ...Object.entries(t.faultKinds)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, n]): [string, number] => [`  ${kind}`, n]),
    ['consumer crashes mid-batch', t.crashes],
    ['producer calls rejected (typed)', t.rejected],
    ['dead-lettered', t.deadLettered],
    ['consumer invocations', t.consumerInvocations],
    ['  most in one history (seed)', `${t.mostInvocations.n} (${t.mostInvocations.seed ?? '-'})`],
    ['lost', t.lost],
    ['  of which in events the platform dropped', t.lostInDropped],
    ['events dropped by the platform', t.platformDrops],
    ['stale', t.stale],
    ['lost or stale: an earlier write of the same producer won', t.producerOrder],
    ['unreadable operations never dead-lettered', t.unreadableLost],
    ['lost after replay', t.lostAfterReplay],
    ['stale after replay', t.staleAfterReplay],
    ['429s not honoured', t.unhonoured429],
    ['untyped producer errors', t.untypedErrors],
    ['too-deep values accepted (no typed error)', t.badValuesAccepted],
    ['values seen in logs (console lines)', t.valueLeaks],
    ['dead-letter reasons quoting values', t.leakyReasons],
    ['histories failing a guarantee', t.failed],
    ['worker threads', run.workers],
    ['wall time (s)', (run.wallMs / 1000).toFixed(1)],
    ['histories per second', perSecond.toFixed(1)],
    ['CPU time per history (ms)', (run.cpuMs / Math.max(t.histories, 1)).toFixed(1)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n');
}
