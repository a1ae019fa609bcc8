import { describe, expect, test } from 'vitest';
import { ProducerLog } from '../model/producerLog.js';
import type { PortInstallation } from './emulatorPort.js';
import { workloadActions } from './workloadActions.js';

function recorder(): { installation: PortInstallation; fired: Array<{ type: string; atMs: number | undefined }>; invoked: unknown[] } {
  const fired: Array<{ type: string; atMs: number | undefined }> = [];
  const invoked: unknown[] = [];
  const installation = {
    id: 'i',
    fireProductEvent: (type: string, _payload: object, opts?: { atMs?: number }) => {
      fired.push({ type, atMs: opts?.atMs });
    },
    invoke: (_key: string, payload?: unknown) => {
      invoked.push(payload);
      return Promise.resolve(true);
    },
  } as unknown as PortInstallation;
  return { installation, fired, invoked };
}

describe('workloadActions', () => {
  test('an import fires each event at its own arrival time and expects its two writes then', async () => {
    const log = new ProducerLog();
    const actions = workloadActions({ kind: 'issue-import', issues: 4, windowMs: 1000 }, log);
    expect(actions.map((a) => a.atOffsetMs)).toEqual([0, 250, 500, 750]);
    expect(actions.every((a) => a.ahead === true)).toBe(true);
    const { installation, fired } = recorder();
    await actions[1]?.run(installation, 10_000);
    expect(fired).toEqual([{ type: 'avi:jira:created:issue', atMs: 10_250 }]);
    expect(log.requested).toBe(2);
  });

  test('hot keys: invocations spread over the window, every update expected once', async () => {
    const log = new ProducerLog();
    const actions = workloadActions({ kind: 'hot-keys', updates: 100, keys: 10, invocations: 5, windowMs: 60_000 }, log);
    expect(actions.map((a) => a.atOffsetMs)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
    const { installation, invoked } = recorder();
    for (const action of actions) await action.run(installation, 0);
    expect(invoked).toHaveLength(5);
    expect(log.requested).toBe(100);
    expect([...log.keys()]).toHaveLength(10);
  });

  test('a large sync is one job that expects every key', async () => {
    const log = new ProducerLog();
    const [action, ...rest] = workloadActions({ kind: 'single-job-sync', keys: 30, valueBytes: 100 }, log);
    expect(rest).toEqual([]);
    await action?.run(recorder().installation, 0);
    expect(log.requested).toBe(30);
  });
});
