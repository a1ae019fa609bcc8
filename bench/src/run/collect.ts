import { lowerBound } from '../model/lowerBound.js';
import { classifyWrites } from '../model/outcome.js';
import type { Quotas } from '../model/quotas.js';
import type { RunResult } from '../model/result.js';
import { minuteFigures, perMinute } from '../model/timeline.js';
import type { DriveResult } from './driver.js';
import type { PortDropped } from './emulatorPort.js';
import type { Subject } from './subject.js';
import type { QuotaWindow } from '../scenarios/types.js';

export interface CollectInput {
  scenario: string;
  strategy: string;
  window: QuotaWindow;
  subject: Subject;
  drive: DriveResult;
  quotas: Quotas;
  arrivalWindowMs: number;
  wallMs: number;
  peakRssMb: number;
  /** Events the platform gave up on, for this installation. */
  dropped: readonly PortDropped[];
}

/** Final figures of one subject: meters, outcome against the producer log, lower bound. */
export async function collect(input: CollectInput): Promise<RunResult> {
  const { subject, drive, quotas } = input;
  // Meters first: listing dead letters is itself an invocation with KVS reads.
  const m = subject.installation.metrics();
  const deadLetters = await subject.deadLetters();
  const outcome = classifyWrites(subject.log, (key) => subject.installation.kvs.get(key), deadLetters.keys);
  const bound = lowerBound({ invocations: subject.producing, arrivalWindowMs: input.arrivalWindowMs, quotas, window: input.window });
  // No work, no drain; without an attempt feed, the sample at which the platform went idle.
  const drainMs = subject.log.requested === 0 ? 0 : subject.lastActivityMs > 0 ? subject.lastActivityMs : drive.idleAtMs;
  const notes = [...new Set(subject.producerErrors)].map((error) => {
    const count = subject.producerErrors.filter((other) => other === error).length;
    return `producer call failed ${count}x: ${error}`;
  });
  if (outcome.lostToStale > 0) {
    notes.push(`${outcome.lostToStale} of the ${outcome.lost} lost writes are newer writes hidden by the older final value of ${outcome.staleKeys} stale key(s)`);
  }
  if (drive.timedOut) notes.push(`stopped before idle after ${Math.round(drive.idleAtMs / 1000)} s virtual`);
  const drops = new Map<string, number>();
  for (const event of input.dropped) drops.set(`${event.kind} ${event.reason}`, (drops.get(`${event.kind} ${event.reason}`) ?? 0) + 1);
  for (const [what, count] of drops) notes.push(`platform dropped ${count} ${what.replace(' ', ' events: ')}`);
  return {
    scenario: input.scenario,
    strategy: input.strategy,
    window: input.window,
    invocations: m.invocations,
    gbSeconds: m.gbSeconds,
    pushes: m.pushes,
    eventsPushed: m.eventsPushed,
    retries: m.retries,
    kvsRequests: m.kvsRequests,
    kvsReadUnits: m.kvsReadUnits,
    kvsWriteUnits: m.kvsWriteUnits,
    kvsUnits: m.kvsReadUnits + m.kvsWriteUnits,
    rateLimited: m.rateLimited,
    rateLimitedByCall: { ...m.rateLimitedByCall },
    ...outcome,
    deadLetterRecords: deadLetters.records,
    drainMs,
    lowerBoundMs: bound.ms,
    lowerBoundUnits: bound.minimalUnits,
    drainRatio: bound.ms > 0 ? drainMs / bound.ms : Infinity,
    peakWriteUnitsPerMinute: Math.max(0, ...perMinute(subject.samples, 'kvsWriteUnits').map((point) => point.y)),
    writeUnitsQuota: quotas.kvsWriteUnitsPerMinute,
    minutes: minuteFigures(subject.samples),
    wallMs: input.wallMs,
    peakRssMb: input.peakRssMb,
    notes,
  };
}
