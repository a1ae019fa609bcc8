import type { ProducerLog } from '../model/producerLog.js';
import {
  arrivalOffset,
  CONFLUENCE_PAGE_CREATED,
  issueCreatedEvent,
  JIRA_ISSUE_CREATED,
  pageCreatedEvent,
} from '../scenarios/events.js';
import type { Workload } from '../scenarios/types.js';
import { hotRange, issueWrites, pageWrites, type Write } from '../scenarios/writes.js';
import { jobWrites } from '../strategies/jobWrites.js';
import type { JobPayload } from '../strategies/producerHooks.js';
import type { PortInstallation } from './emulatorPort.js';
import type { Action } from './subject.js';

function invokeJob(installation: PortInstallation, payload: JobPayload, log: ProducerLog): Promise<unknown> {
  for (const [key, value] of jobWrites(payload)) log.expect(key, value);
  return installation.invoke('job', payload);
}

/** One action per product event: fired (and its writes expected) at its arrival time. */
function eventActions<Event extends object>(
  count: number,
  windowMs: number,
  eventType: string,
  make: (index: number, atMs: number) => Event,
  writes: (event: Event) => Write[],
  log: ProducerLog,
): Action[] {
  return Array.from({ length: count }, (_, index) => {
    const offset = arrivalOffset(index, count, windowMs);
    return {
      atOffsetMs: offset,
      ahead: true,
      run: (installation: PortInstallation, startMs: number) => {
        const event = make(index, startMs + offset);
        for (const [key, value] of writes(event)) log.expect(key, value);
        installation.fireProductEvent(eventType, event, { atMs: startMs + offset });
        return undefined;
      },
    };
  });
}

/** A backfill's expected writes (from the fixture site) and how the strategy starts it. */
export interface BackfillStart {
  writes: readonly Write[];
  start(installation: PortInstallation): Promise<unknown>;
}

/**
 * The scheduled load of a workload. Every write the load asks for is logged when its event is
 * fired or its job invoked (the expected model), so a write the producer never reached still
 * counts; a producer that logs its writes again when it runs refines the order (ProducerLog).
 */
export function workloadActions(workload: Workload, log: ProducerLog, backfill?: BackfillStart): Action[] {
  switch (workload.kind) {
    case 'issue-import':
      return eventActions(workload.issues, workload.windowMs, JIRA_ISSUE_CREATED, issueCreatedEvent, issueWrites, log);
    case 'page-import':
      return eventActions(workload.pages, workload.windowMs, CONFLUENCE_PAGE_CREATED, pageCreatedEvent, pageWrites, log);
    case 'single-job-sync': {
      const payload: JobPayload = { kind: 'sync', keys: workload.keys, valueBytes: workload.valueBytes };
      return [{ atOffsetMs: 0, run: (installation) => invokeJob(installation, payload, log) }];
    }
    case 'hot-keys':
      return Array.from({ length: workload.invocations }, (_, index) => {
        const [from, to] = hotRange(index, workload.invocations, workload.updates);
        const payload: JobPayload = { kind: 'hot', from, to, keys: workload.keys };
        return {
          atOffsetMs: arrivalOffset(index, Math.max(1, workload.invocations - 1), workload.windowMs),
          run: (installation: PortInstallation) => invokeJob(installation, payload, log),
        };
      });
    case 'backfill':
      if (backfill === undefined) throw new Error('a backfill workload needs its writes and how it starts');
      return [{
        atOffsetMs: 0,
        run: (installation) => {
          for (const [key, value] of backfill.writes) log.expect(key, value);
          return backfill.start(installation);
        },
      }];
  }
}
