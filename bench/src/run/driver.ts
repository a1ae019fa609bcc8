import type { EmulatorPort } from './emulatorPort.js';
import { takeSample } from './sampler.js';
import type { Subject } from './subject.js';

export interface DriveOptions {
  /** Virtual ms per step; a divisor of 60 000 keeps per-minute figures exact. */
  stepMs: number;
  trackPending: boolean;
  /** Give up (and say so) after this much virtual time. */
  maxVirtualMs: number;
  maxWallMs: number;
  onStep?: (elapsedMs: number, subjects: readonly Subject[]) => void;
}

export interface DriveResult {
  startMs: number;
  /** Virtual ms from the start until everything was idle (step precision). */
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
 * Runs the subjects' scheduled actions and advances the virtual clock step by step, sampling
 * each subject, until every action ran, every producer call settled and the platform is idle.
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
  const queue = subjects.flatMap((subject) => subject.actions.map((action) => ({ subject, action })));
  queue.sort((a, b) => a.action.atOffsetMs - b.action.atOffsetMs);
  const lastAction = queue.at(-1)?.action.atOffsetMs ?? 0;
  let next = 0;
  let elapsed = 0;
  let timedOut = false;
  for (const subject of subjects) subject.samples.push(takeSample(subject, 0, options.trackPending));
  try {
    for (;;) {
      while (next < queue.length && (queue[next]?.action.atOffsetMs ?? Infinity) <= elapsed) {
        const item = queue[next];
        next += 1;
        if (item === undefined) continue;
        const promise = item.action.run(item.subject.installation, startMs);
        if (promise !== undefined) {
          const tracked: Promise<unknown> = promise.then(
            () => pending.delete(tracked),
            (error: unknown) => {
              pending.delete(tracked);
              item.subject.producerErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
            },
          );
          pending.add(tracked);
        }
      }
      await emulator.advance(options.stepMs);
      elapsed = emulator.now() - startMs;
      for (const subject of subjects) subject.samples.push(takeSample(subject, elapsed, options.trackPending));
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
