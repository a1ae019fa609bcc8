import type { ProducerLog } from '../model/producerLog.js';
import {
  arrivalOffset,
  CONFLUENCE_PAGE_CREATED,
  issueCreatedEvent,
  JIRA_ISSUE_CREATED,
  pageCreatedEvent,
} from '../scenarios/events.js';
import type { Workload } from '../scenarios/types.js';
import { hotRange, issueWrites, pageWrites } from '../scenarios/writes.js';
import type { JobPayload } from '../strategies/producerHooks.js';
import { jobWrites } from '../strategies/jobWrites.js';
import type { PortInstallation } from './emulatorPort.js';
import type { Action } from './subject.js';

function invokeJob(installation: PortInstallation, payload: JobPayload, log: ProducerLog): Promise<unknown> {
  for (const [key, value] of jobWrites(payload)) log.expect(key, value);
  return installation.invoke('job', payload);
}

/**
 * The scheduled load of a workload. Product events are all scheduled at the start with their
 * virtual arrival times. Every write the load asks for is logged when its event is fired or its
 * job invoked (the expected model), so a write the producer never reached still counts; a
 * producer that logs its writes again when it runs refines the order (ProducerLog moves them).
 */
export function workloadActions(workload: Workload, log: ProducerLog): Action[] {
  switch (workload.kind) {
    case 'issue-import':
      return [
        {
          atOffsetMs: 0,
          run: (installation, startMs) => {
            for (let index = 0; index < workload.issues; index += 1) {
              const atMs = startMs + arrivalOffset(index, workload.issues, workload.windowMs);
              const event = issueCreatedEvent(index, atMs);
              for (const [key, value] of issueWrites(event)) log.expect(key, value);
              installation.fireProductEvent(JIRA_ISSUE_CREATED, event, { atMs });
            }
            return undefined;
          },
        },
      ];
    case 'page-import':
      return [
        {
          atOffsetMs: 0,
          run: (installation, startMs) => {
            for (let index = 0; index < workload.pages; index += 1) {
              const atMs = startMs + arrivalOffset(index, workload.pages, workload.windowMs);
              const event = pageCreatedEvent(index, atMs);
              for (const [key, value] of pageWrites(event)) log.expect(key, value);
              installation.fireProductEvent(CONFLUENCE_PAGE_CREATED, event, { atMs });
            }
            return undefined;
          },
        },
      ];
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
          run: (installation) => invokeJob(installation, payload, log),
        };
      });
  }
}
