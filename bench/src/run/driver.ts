import type { EmulatorPort } from './emulatorPort.js';
import { takeSample } from './sampler.js';
import type { Action, Subject } from './subject.js';

export interface DriveOptions {
  /** Virtual ms per sample; a divisor of 60 000 keeps per-minute figures exact. */
  stepMs: number;
  trackPending: boolean;
  /** Track pending writes only at samples ending such a period (e.g. 60 000: once a virtual minute). */
  pendingEveryMs?: number;
  /** Give up (and say so) after this much virtual time. */
  maxVirtualMs: number;
  maxWallMs: number;
  onStep?: (elapsedMs: number, subjects: readonly Subject[]) => void;
}

export interface DriveResult {
  startMs: number;
  /** Virtual ms from the start until everything was idle (sample precision). */
  idleAtMs: number;
  timedOut: boolean;
}

/** Moves the clock to the next whole virtual minute so per-minute buckets match quota windows. */
export async function alignToMinute(emulator: EmulatorPort): Promise<void> {
  const rest = emulator.now() % 60_000;
  if (rest !== 0) await emulator.advance(60_000 - rest);
}

function idle(emulator: EmulatorPort): boolean {
  const state = emulator.inspect();
  return state.queued + state.delayed + state.retrying + state.inFlight === 0;
}

/**
 * Samples sit 1 ms before each step boundary: work due exactly on a minute boundary belongs to
 * the quota window that starts there, and lands in the next per-minute bucket too.
 */
export function nextSampleAt(elapsedMs: number, stepMs: number): number {
  return (Math.floor((elapsedMs + 1) / stepMs) + 1) * stepMs - 1;
}

interface Scheduled {
  subject: Subject;
  action: Action;
}

/**
 * Runs the subjects' scheduled actions at their virtual times and advances the clock, sampling
 * each subject every step, until every action ran, every producer call settled and the platform
 * is idle. Actions marked `ahead` (they schedule their own exact time) run up to one step early.
 */
export async function drive(emulator: EmulatorPort, subjects: readonly Subject[], options: DriveOptions): Promise<DriveResult> {
  await alignToMinute(emulator);
  const startMs = emulator.now();
  const wallStart = performance.now();
  const unsubscribe = emulator.onAttempt?.((entry) => {
    const subject = subjects.find((candidate) => candidate.installation.id === entry.installationId);
    if (subject !== undefined) subject.lastActivityMs = Math.max(subject.lastActivityMs, entry.atMs + entry.durationMs - startMs);
  });
  const pending = new Set<Promise<unknown>>();
  const queue: Scheduled[] = subjects.flatMap((subject) => subject.actions.map((action) => ({ subject, action })));
  queue.sort((a, b) => a.action.atOffsetMs - b.action.atOffsetMs);
  const lastAction = Math.max(0, ...queue.map(({ action }) => action.atOffsetMs + (action.spanMs ?? 0)));
  const start = (item: Scheduled): void => {
    const promise = item.action.run(item.subject.installation, startMs);
    if (promise === undefined) return;
    const tracked: Promise<unknown> = promise.then(
      () => pending.delete(tracked),
      (error: unknown) => {
        pending.delete(tracked);
        item.subject.producerErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      },
    );
    pending.add(tracked);
  };
  let next = 0;
  let elapsed = 0;
  let timedOut = false;
  for (const subject of subjects) subject.samples.push(takeSample(subject, 0, options.trackPending));
  try {
    for (;;) {
      const sampleAt = nextSampleAt(elapsed, options.stepMs);
      for (let item = queue[next]; item !== undefined; item = queue[next]) {
        const offset = item.action.atOffsetMs;
        if (offset > elapsed && !(item.action.ahead === true && offset <= sampleAt)) break;
        next += 1;
        start(item);
      }
      const nextAction = queue[next]?.action.atOffsetMs ?? Infinity;
      await emulator.advance(Math.min(sampleAt, nextAction) - elapsed);
      elapsed = emulator.now() - startMs;
      if (elapsed < sampleAt) continue;
      const trackPending = options.trackPending && (options.pendingEveryMs === undefined || (elapsed + 1) % options.pendingEveryMs === 0);
      for (const subject of subjects) subject.samples.push(takeSample(subject, elapsed, trackPending));
      options.onStep?.(elapsed, subjects);
      if (next >= queue.length && elapsed >= lastAction && pending.size === 0 && idle(emulator)) break;
      if (elapsed >= options.maxVirtualMs || performance.now() - wallStart >= options.maxWallMs) {
        timedOut = true;
        break;
      }
    }
  } finally {
    unsubscribe?.();
  }
  return { startMs, idleAtMs: elapsed, timedOut };
}
