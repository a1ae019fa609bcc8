import type { ProducerLog } from '../model/producerLog.js';
import type { DeadLetterSummary } from './libraryDeadLetters.js';
import type { Sample } from '../model/timeline.js';
import type { PortInstallation } from './emulatorPort.js';
import type { ProducingInvocation } from '../model/lowerBound.js';

/** Something the driver does at a virtual offset from the run's start. */
export interface Action {
  atOffsetMs: number;
  /** The action schedules work up to this much later than its offset. */
  spanMs?: number;
  /** The action schedules its own exact virtual time (e.g. fires a product event with `atMs`), so it may run early. */
  ahead?: boolean;
  run(installation: PortInstallation, startMs: number): Promise<unknown> | undefined;
}

/** One installation under load: its producer log, its scheduled load and what was sampled. */
export interface Subject {
  name: string;
  installation: PortInstallation;
  log: ProducerLog;
  actions: Action[];
  /** The invocations that produce the load's writes (for the lower bound). */
  producing: ProducingInvocation[];
  /** The dead letters (read after the drain). */
  deadLetters(): Promise<DeadLetterSummary>;
  samples: Sample[];
  /** Virtual ms (from the start) at which the last attempt of this installation ended. */
  lastActivityMs: number;
  /** Producer calls that failed (e.g. a job that threw), for the notes. */
  producerErrors: string[];
}
