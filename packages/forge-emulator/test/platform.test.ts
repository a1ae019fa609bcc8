import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import type { AttemptLogEntry } from '../src/index.js';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const app = (emu: ReturnType<ReturnType<typeof useEmulator>>, consume: () => unknown = () => undefined) =>
  emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: consume } } });

describe('platform features', () => {
  it('runs on the real clock', async () => {
    const emu = make({ clock: 'real' });
    const inst = emu.install(app(emu));
    await inst.run(() => new Queue({ key: 'q' }).push([{ body: {} }]));
    await emu.runUntilIdle();
    expect(emu.metrics().eventsDelivered).toBe(1);
  });

  it('persists KVS state across emulators with persistPath', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fe-'));
    try {
      const path = join(dir, 'state.json');
      const first = make({ persistPath: path });
      await first.install(app(first), { installationId: 'p' }).run(() => kvs.set('kept', { v: 1 }));
      await first.save();
      first.dispose();
      const second = make({ persistPath: path });
      expect(second.install(app(second), { installationId: 'p' }).kvs.get('kept')).toEqual({ v: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('feeds attempts live and keeps the log bounded', async () => {
    const emu = make({ attemptLogLimit: 3 });
    const inst = emu.install(app(emu));
    const live: AttemptLogEntry[] = [];
    const stop = emu.onAttempt((e) => live.push(e));
    await inst.run(() => new Queue({ key: 'q' }).push(Array.from({ length: 5 }, () => ({ body: {} }))));
    await emu.runUntilIdle();
    stop();
    expect(live.filter((e) => e.kind === 'consumer')).toHaveLength(5);
    expect(emu.inspect().log).toHaveLength(3);
  });

  it('reports queued, delayed and retrying events', async () => {
    const emu = make();
    const inst = emu.install(app(emu));
    await inst.run(() => new Queue({ key: 'q' }).push([{ body: {} }, { body: {}, delayInSeconds: 10 }]));
    expect(emu.inspect()).toMatchObject({ queued: 1, delayed: 1, retrying: 0, inFlight: 0 });
  });
});
