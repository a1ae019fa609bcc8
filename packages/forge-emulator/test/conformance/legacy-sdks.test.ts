import { makeResolver } from '@forge/resolver';
import * as apiV4 from 'forge-api-v4';
import * as apiV7 from 'forge-api-v7';
import { Queue as QueueV1 } from 'forge-events-v1';
import { describe, expect, it } from 'vitest';
import { manifestFor, useEmulator } from '../helpers.js';

/**
 * Older SDK majors, each through its real client (installed under npm aliases by this fixture package):
 * the legacy `storage` API of @forge/api 7 (GraphQL), @forge/api 4 (node-fetch with the runtime's magic
 * agent) and @forge/events 1 pushes.
 */
const make = useEmulator();
const setup = (modules: Record<string, unknown> = {}, queues: string[] = ['q']) => {
  const emu = make();
  const app = emu.defineApp({ manifest: manifestFor(queues), modules: { index: { q: () => undefined, ...modules } } });
  return { emu, inst: emu.install(app, { installationId: 'site-1' }) };
};

describe.each([
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the removed legacy API is what this test emulates
  ['@forge/api 7 (GraphQL through __forge_fetch__)', apiV7.storage, apiV7],
  ['@forge/api 4 (node-fetch with the FORGE_PRODUCT_REQUEST agent)', apiV4.storage, apiV4],
])('legacy storage of %s', (_name, storage, api) => {
  const { startsWith, WhereConditions, FilterConditions, SortOrder } = api;
  it('sets, gets, deletes and lists keys in the same store as @forge/kvs', async () => {
    const { inst } = setup();
    const out = await inst.run(async () => {
      await storage.set('p:1', { n: 1 });
      await storage.set('p:2', 'two');
      await storage.set('other', true);
      await storage.setSecret('s', 'hidden');
      const got = [await storage.get('p:1'), await storage.get('missing'), await storage.getSecret('s')];
      await storage.delete('other');
      const page1 = await storage.query().where('key', startsWith('p:')).limit(1).getMany();
      const page2 = await storage.query().where('key', startsWith('p:')).limit(1).cursor(page1.nextCursor ?? '').getMany();
      return { got, keys: [...page1.results, ...page2.results].map((r) => r.key) };
    });
    expect(out).toEqual({ got: [{ n: 1 }, undefined, 'hidden'], keys: ['p:1', 'p:2'] });
    expect(inst.kvs.entries()).toEqual([['p:1', { n: 1 }], ['p:2', 'two']]);
    expect(inst.metrics().kvsRequests).toBe(10); // 4 sets, 3 gets, 1 delete, 2 queries
  });

  it('reports KVS validation errors with the platform message', async () => {
    const { inst } = setup();
    await expect(inst.run(() => storage.set('bad key!', 1))).rejects.toThrow(/^The provided key does not match the regex/);
  });

  it('queries custom entities by index (partition, range, filters, sort, cursor) as @forge/kvs does', async () => {
    const emu = make();
    const entities = [{ name: 'tasks', attributes: { status: { type: 'string' }, n: { type: 'integer' } }, indexes: [{ name: 'by-status-n', range: ['n'], partition: ['status'] }] }];
    const app = emu.defineApp({ manifest: manifestFor(['q'], { entities }), modules: { index: { q: () => undefined } } });
    const inst = emu.install(app, { installationId: 'site-1' });
    const out = await inst.run(async () => {
      const tasks = storage.entity<{ status: string; n: number }>('tasks');
      for (const [key, status, n] of [['a', 'open', 3], ['b', 'open', 1], ['c', 'done', 2], ['d', 'open', 7]] as const) await tasks.set(key, { status, n });
      const q = () => tasks.query().index('by-status-n', { partition: ['open'] });
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- each SDK major's SortOrder is its own enum type (same values)
      const page1 = await q().where(WhereConditions.isLessThan(5)).sort(SortOrder.DESC).limit(1).getMany();
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- as above
      const page2 = await q().where(WhereConditions.isLessThan(5)).sort(SortOrder.DESC).limit(1).cursor(page1.nextCursor ?? '').getMany();
      const filtered = await q().andFilter('n', FilterConditions.isGreaterThan(2)).getMany();
      return { pages: [page1.results, page2.results].map((r) => r.map((x) => x.key)), last: page2.nextCursor, filtered: filtered.results.map((x) => x.key) };
    });
    expect(out).toEqual({ pages: [['a'], ['b']], last: null, filtered: ['a', 'd'] });
  });

  it('reads and writes custom entities declared in the manifest', async () => {
    const { inst } = setup();
    const n = await inst.run(async () => {
      await storage.entity<{ n: number }>('things').set('t1', { n: 3 });
      return storage.entity<{ n: number }>('things').get('t1');
    });
    expect(n).toEqual({ n: 3 });
  });
});

describe('@forge/api 4 product requests (node-fetch with the magic agent)', () => {
  it('serves asApp().requestJira from the fixture site and answers unserved paths with 501', async () => {
    const { inst, emu } = setup();
    const [issue, unserved] = await inst.run(async () => {
      const res = await apiV4.asApp().requestJira(apiV4.route`/rest/api/3/issue/${'OPS-2'}?fields=summary`);
      const missing = await apiV4.asApp().requestJira(apiV4.route`/rest/api/3/filter/my`);
      return [(await res.json()) as { key: string }, [missing.status, ((await missing.json()) as { errorMessages: string[] }).errorMessages[0]]] as const;
    });
    expect(issue.key).toBe('OPS-2');
    expect(unserved[0]).toBe(501);
    expect(unserved[1]).toMatch(/DIFFERENCES\.md/);
    expect(emu.product.unserved().map((u) => u.path)).toEqual(['/rest/api/3/filter/my']);
  });

  it('leaves ordinary https requests alone (a string agent other than the runtime\'s still fails in Node)', async () => {
    const https = await import('node:https');
    setup();
    expect(() => https.request({ hostname: 'example.invalid', agent: 'SOMETHING_ELSE' as never })).toThrow(/agent/);
  });
});

describe('@forge/events 1 pushes', () => {
  it('delivers push(payload, { delayInSeconds }) bodies to modern and v1 resolver consumers; stats by queue#jobId', async () => {
    const seen: Array<[string, unknown, number]> = [];
    const { inst, emu } = setup({
      q: (event: { body: unknown }) => void seen.push(['modern', event.body, Date.now()]),
    });
    const start = emu.now();
    const jobId = await inst.run(() => new QueueV1({ key: 'q' }).push([{ a: 1 }, { a: 2 }], { delayInSeconds: 30 }));
    expect(jobId).toMatch(/^q#[0-9a-f-]{36}$/);
    await emu.runUntilIdle();
    expect(seen.map(([, body, at]) => [body, at - start])).toEqual([[{ a: 1 }, 30_000], [{ a: 2 }, 30_000]]);
    const stats: unknown = await inst.run(async () => (await new QueueV1({ key: 'q' }).getJob(jobId).getStats()).json() as Promise<unknown>);
    expect(stats).toEqual({ success: 2, inProgress: 0, failed: 0 });

    const legacy: unknown[] = [];
    const emu2 = (emu.dispose(), make());
    const app = emu2.defineApp({
      manifest: {
        modules: {
          consumer: [{ key: 'c', queue: 'old', resolver: { function: 'fn', method: 'apply' } }],
          function: [{ key: 'fn', handler: 'index.fn' }],
        },
      },
      modules: { index: { fn: makeResolver({ apply: ({ payload }: { payload: unknown }) => void legacy.push(payload) }) } },
    });
    const inst2 = emu2.install(app);
    await inst2.run(() => new QueueV1({ key: 'old' }).push({ legacy: true }));
    await emu2.runUntilIdle();
    expect(legacy).toEqual([expect.objectContaining({ legacy: true })]);
  });
});
