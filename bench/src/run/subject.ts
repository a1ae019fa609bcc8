import type { ProducerLog } from '../model/producerLog.js';
import type { Sample } from '../model/timeline.js';
import type { PortInstallation } from './emulatorPort.js';

/** Something the driver does at a virtual offset from the run's start. */
export interface Action {
  atOffsetMs: number;
  run(installation: PortInstallation, startMs: number): Promise<unknown> | undefined;
}

/** One installation under load: its producer log, its scheduled load and what was sampled. */
export interface Subject {
  name: string;
  installation: PortInstallation;
  log: ProducerLog;
  actions: Action[];
  /** Keys that have a dead-letter record (read after the drain). */
  deadLetterKeys(): Promise<Set<string>>;
  samples: Sample[];
  /** Virtual ms (from the start) at which the last attempt of this installation ended. */
  lastActivityMs: number;
  /** Producer calls that failed (e.g. a job that threw), for the notes. */
  producerErrors: string[];
}
