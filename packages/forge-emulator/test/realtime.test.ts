import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { Jira, publish, publishGlobal, signRealtimeToken } from '@forge/realtime';
import { describe, expect, it } from 'vitest';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();

describe('@forge/realtime (publish, publishGlobal)', () => {
  it('records what a consumer publishes, in order, and answers with an event id', async () => {
    const emu = make();
    const app = emu.defineApp({
      manifest: manifestFor(['jobs']),
      modules: {
        index: {
          jobs: async (event: { body: { n: number } }) => {
            const r = await publishGlobal('progress:job-1', { done: event.body.n });
            await kvs.set(`event-id-${event.body.n}`, r.eventId ?? 'none');
          },
        },
      },
    });
    const inst = emu.install(app);
    await inst.run(() => new Queue({ key: 'jobs' }).push([{ body: { n: 1 } }, { body: { n: 2 } }]));
    await emu.runUntilIdle();

    const published = inst.realtime();
    expect(published.map((m) => [m.channel, m.payload, m.isGlobal])).toEqual(
      expect.arrayContaining([['progress:job-1', { done: 1 }, true], ['progress:job-1', { done: 2 }, true]]),
    );
    expect(published).toHaveLength(2);
    const ids = published.map((m) => m.eventId);
    expect(new Set(ids).size).toBe(2);
    expect([inst.kvs.get('event-id-1'), inst.kvs.get('event-id-2')].sort()).toEqual([...ids].sort());
    expect(emu.inspect().dropped).toEqual([]);
  });

  it('keeps publish context overrides and tells publish from publishGlobal', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
    const r = await inst.run(() => publish('chat', 'hello', { contextOverrides: [Jira.Issue] }));
    expect(r.errors).toBeUndefined();
    expect(inst.realtime()).toEqual([
      expect.objectContaining({ channel: 'chat', payload: 'hello', isGlobal: false, context: { contextOverrides: ['issue'] }, token: false }),
    ]);
  });

  it('refuses signRealtimeToken naming what is not emulated and DIFFERENCES.md', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
    await expect(inst.run(() => signRealtimeToken('chat', { accountId: 'a' }))).rejects.toThrow(
      /NOT_EMULATED .*Forge Realtime \(only publish and publishGlobal are emulated\).*DIFFERENCES\.md/,
    );
    expect(inst.realtime()).toEqual([]);
  });
});
