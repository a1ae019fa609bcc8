import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator, type Installation } from '@forge-queue/forge-emulator';
import { kvs } from '@forge/kvs';
import { afterEach, describe, expect, test } from 'vitest';
import { captureConsole } from '../../src/run/console.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

interface AppCase {
  readonly dir: string;
  readonly event: string;
  readonly payload: (n: number, tenant: string) => object;
  readonly key: (n: number) => string;
  readonly recentKey: string;
}

/** Each product event carries a tenant marker; a leak shows up as the other tenant's marker. */
const apps: Array<[string, AppCase]> = [
  [
    'jira-app',
    {
      dir: join(root, 'apps/jira-app'),
      event: 'avi:jira:created:issue',
      payload: (n, tenant) => ({
        eventType: 'avi:jira:created:issue',
        issue: { id: String(1000 + n), key: `PROJ-${n}`, fields: { summary: `QSVAL-${tenant}-${n}`, project: { key: 'PROJ' }, created: '2026-11-28T00:00:00.000Z' } },
        selfGenerated: false,
      }),
      key: (n) => `issue:PROJ-${n}`,
      recentKey: 'most-recent-issue-created',
    },
  ],
  [
    'confluence-app',
    {
      dir: join(root, 'apps/confluence-app'),
      event: 'avi:confluence:created:page',
      payload: (n, tenant) => ({
        eventType: 'avi:confluence:created:page',
        content: { id: String(2000 + n), type: 'page', title: `QSVAL-${tenant}-${n}`, space: { key: 'SPACE' }, createdDate: '2026-11-28T00:00:00.000Z' },
        atlassianId: 'user-1',
      }),
      key: (n) => `page:${2000 + n}`,
      recentKey: 'most-recent-page-created',
    },
  ],
];

const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

const EVENTS = 12;

describe.each(apps)('%s: two installations side by side', (_name, app) => {
  test("never read or write each other's data", async () => {
    const emulator = createEmulator({ seed: 11, clock: 'virtual', faults: { duplicateRate: 0.3, reorder: true } });
    active.push(emulator);
    const loaded = await emulator.loadApp(app.dir, { source: 'dist' });
    const tenants: Array<[string, Installation]> = [
      ['tenant-a', emulator.install(loaded, { installationId: 'tenant-a' })],
      ['tenant-b', emulator.install(loaded, { installationId: 'tenant-b' })],
    ];
    const capture = captureConsole();
    try {
      // Same issue/page numbers in both tenants, so the keys collide if the stores were shared.
      for (let n = 0; n < EVENTS; n += 1) {
        for (const [tenant, installation] of tenants) installation.fireProductEvent(app.event, app.payload(n, tenant));
      }
      await emulator.runUntilIdle({ maxVirtualMs: 24 * 3_600_000 });
    } finally {
      capture.restore();
    }
    for (const [tenant, installation] of tenants) {
      const other = tenant === 'tenant-a' ? 'tenant-b' : 'tenant-a';
      const dump = JSON.stringify(installation.kvs.entries());
      expect(dump).toContain(`QSVAL-${tenant}-`);
      expect(dump).not.toContain(`QSVAL-${other}-`);
      for (let n = 0; n < EVENTS; n += 1) expect(JSON.stringify(installation.kvs.get(app.key(n)))).toContain(`QSVAL-${tenant}-${n}`);
      // Through the real SDK inside the installation's own invocation: the other tenant is invisible.
      const seen = await installation.run(() => kvs.get(app.key(0)));
      expect(JSON.stringify(seen)).toContain(`QSVAL-${tenant}-0`);
      expect(installation.kvs.get(app.recentKey)).toBeDefined();
    }
    expect(capture.lines.filter((l) => l.includes('QSVAL-'))).toEqual([]);
  });
});
