// The admin page's resolvers on the emulator, with the real @forge/resolver, @forge/api (asUser
// permission check against the fixture site), @forge/kvs and @forge/events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, VIRTUAL_EPOCH_MS, type Emulator } from '@forge-queue/forge-emulator';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { accounts, call, data, install, MANIFEST_WITHOUT_ENTITY } from './support/admin.js';
import { EVENT_TYPE, issueCase } from './support/events.js';

interface Summary { id: string; reason: string; keys: string[]; operations: number }
interface Overview { outcomes: Record<string, number>; samples: number; jobs: unknown[]; deadLetters: number }

let emulators: Emulator[] = [];
const dirs: string[] = [];
function emulator(o: Parameters<typeof createEmulator>[0] = {}): Emulator {
  const emu = createEmulator({ seed: 11, site: { issues: 30, pages: 10 }, ...o });
  emulators.push(emu);
  return emu;
}

afterEach(() => {
  for (const e of emulators) e.dispose();
  emulators = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const RESOLVERS: Array<[string, Record<string, unknown>]> = [
  ['overview', {}], ['listDeadLetters', {}], ['getDeadLetter', { id: 'x' }], ['replayDeadLetter', { id: 'x' }],
  ['replayAllDeadLetters', { confirm: 'replay-all' }], ['discardDeadLetter', { id: 'x' }], ['startBackfill', {}], ['cancelBackfill', {}],
];

describe('admin check (mypermissions?permissions=ADMINISTER as the user)', () => {
  test.each(RESOLVERS)('%s refuses a user without ADMINISTER, with a clear error and no side effect', async (method, payload) => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator();
    const inst = install(emu);
    const answer = await call(inst, accounts(emu, inst).user, method, payload);
    expect(answer).toEqual({ ok: false, error: { code: 'ADMIN_REQUIRED', message: expect.stringMatching(/Only Jira administrators/) as unknown } });
    await emu.runUntilIdle();
    expect(inst.kvs.entries()).toEqual([]);
  });

  test('a call without a user is refused (ADMIN_CHECK_FAILED), an administrator gets the overview', async () => {
    const emu = emulator();
    const inst = install(emu);
    const anonymous = (await inst.invokeResolver('admin-resolver', 'overview', {})) as { ok: boolean; error?: { code: string } };
    expect(anonymous.error?.code).toBe('ADMIN_CHECK_FAILED');
    const overview = data(await call<Overview>(inst, accounts(emu, inst).admin, 'overview'));
    expect(overview).toMatchObject({ deadLetters: 0, samples: 0, jobs: [] });
  });
});

describe('dead letters', () => {
  test('a permanent failure becomes a dead letter listed without values; once fixed, replay writes the value', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'jira-admin-'));
    dirs.push(dir);
    const persistPath = join(dir, 'state.json');
    const { event, expected } = issueCase(0);

    // Deployed without the library's version entity: KVS refuses every ordered write (400).
    const broken = emulator({ persistPath });
    const inst1 = install(broken, { manifest: MANIFEST_WITHOUT_ENTITY });
    const { admin } = accounts(broken, inst1);
    inst1.fireProductEvent(EVENT_TYPE, event);
    await broken.runUntilIdle();
    expect(inst1.kvs.get(`issue:${expected.key}`)).toBeUndefined();
    const page = data(await call<{ items: Summary[] }>(inst1, admin, 'listDeadLetters'));
    expect(page.items).toHaveLength(1);
    const [letter] = page.items as [Summary];
    expect(letter).toMatchObject({ reason: 'permanent', operations: 2, keys: [`issue:${expected.key}`, 'most-recent-issue-created'] });
    expect(JSON.stringify(page)).not.toContain(expected.summary.slice(0, 15));
    expect(data(await call<Overview>(inst1, admin, 'overview'))).toMatchObject({ deadLetters: 1, outcomes: expect.objectContaining({ deadLettered: 2 }) as unknown });
    await broken.save();
    broken.dispose();

    // Fixed and deployed again: the same site, its store kept.
    const fixed = emulator({ persistPath });
    const inst2 = install(fixed);
    const details = data(await call<{ ops: Array<{ k: string; v?: unknown }> }>(inst2, admin, 'getDeadLetter', { id: letter.id }));
    expect(details.ops.map((op) => op.v)).toEqual([expected, expected]);
    expect(await call(inst2, admin, 'replayAllDeadLetters', {})).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(data(await call<{ events: number }>(inst2, admin, 'replayDeadLetter', { id: letter.id })).events).toBe(1);
    await fixed.runUntilIdle();
    expect(inst2.kvs.get(`issue:${expected.key}`)).toEqual(expected);
    expect(data(await call<{ items: Summary[] }>(inst2, admin, 'listDeadLetters')).items).toEqual([]);
    expect(await call(inst2, admin, 'replayDeadLetter', { id: letter.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('replay all (confirmed) and discard', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'jira-admin-'));
    dirs.push(dir);
    const persistPath = join(dir, 'state.json');
    const broken = emulator({ persistPath });
    const inst1 = install(broken, { manifest: MANIFEST_WITHOUT_ENTITY });
    const { admin } = accounts(broken, inst1);
    for (let i = 0; i < 3; i++) {
      inst1.fireProductEvent(EVENT_TYPE, issueCase(i).event, { atMs: VIRTUAL_EPOCH_MS + i * 120_000 });
    }
    await broken.runUntilIdle();
    const ids = data(await call<{ items: Summary[] }>(inst1, admin, 'listDeadLetters')).items.map((d) => d.id);
    expect(ids).toHaveLength(3);
    await broken.save();
    broken.dispose();

    const fixed = emulator({ persistPath });
    const inst2 = install(fixed);
    expect(data(await call(inst2, admin, 'discardDeadLetter', { id: ids[0] }))).toEqual({ discarded: true });
    expect(data(await call(inst2, admin, 'discardDeadLetter', { id: ids[0] }))).toEqual({ discarded: false });
    expect(data(await call(inst2, admin, 'replayAllDeadLetters', { confirm: 'replay-all' }))).toEqual({ replayed: 2, failed: [], more: false });
    await fixed.runUntilIdle();
    expect(inst2.kvs.get(`issue:${issueCase(0).expected.key}`)).toBeUndefined();
    expect(inst2.kvs.get(`issue:${issueCase(1).expected.key}`)).toEqual(issueCase(1).expected);
    expect(inst2.kvs.get(`issue:${issueCase(2).expected.key}`)).toEqual(issueCase(2).expected);
    expect(await call(inst2, admin, 'getDeadLetter', { id: '../etc' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('overview', () => {
  test('counts consumer outcomes from sampled records: far fewer KVS writes than events', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // Storage throttled for two minutes: every write goes through the queue and the consumer.
    const emu = emulator({ faults: { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS, toMs: VIRTUAL_EPOCH_MS + 120_000 }] } });
    // Its own installation id: the app keeps outcome counts per installation, in module memory.
    const inst = install(emu, { installationId: 'site-overview' });
    // 300 issues over five minutes: the storm, then healthy storage.
    for (let i = 0; i < 300; i++) inst.fireProductEvent(EVENT_TYPE, issueCase(i).event, { atMs: VIRTUAL_EPOCH_MS + i * 1000 });
    await emu.runUntilIdle();
    const consumerAttempts = emu.inspect().log.filter((a) => a.functionKey === 'storage-consumer').length;
    const o = data(await call<Overview>(inst, accounts(emu, inst).admin, 'overview'));
    const samples = inst.kvs.entries().filter(([k]) => k.startsWith('admin:outcomes:')).length;
    expect(o.samples).toBe(samples);
    expect(o.outcomes.applied).toBeGreaterThan(0);
    const counted = (o.outcomes.ok ?? 0) + (o.outcomes.retry ?? 0) + (o.outcomes.redrive ?? 0) + (o.outcomes.deadLetter ?? 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(consumerAttempts);
    // One sample per consumer instance per virtual minute (nothing was dead-lettered).
    const minutes = Math.ceil(emu.metrics().virtualMs / 60_000);
    expect(samples).toBeLessThanOrEqual(minutes + 1);
    expect(samples).toBeLessThan(consumerAttempts);
  });
});

describe('backfill (index existing issues)', () => {
  test('walks the JQL search of 2,000 fixture issues (20 pages) in one invocation, to 100 %', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator({ site: { issues: 2000, pages: 10 } });
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    // The total comes from POST /rest/api/3/search/approximate-count before the first page.
    const started = data(await call<{ state: { status: string; total: number } }>(inst, admin, 'startBackfill'));
    expect(started.state).toMatchObject({ status: 'running', total: 2000 });
    expect(await call(inst, admin, 'startBackfill')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/running/) as unknown } });
    await emu.runUntilIdle();
    const { backfill } = data(await call<{ backfill: { state: { status: string; items: number; pages: number }; progress: number } }>(inst, admin, 'overview'));
    expect(backfill).toMatchObject({ state: { status: 'done', items: 2000, pages: 20, total: 2000 }, progress: 1 });
    const site = emu.product.site(inst.id);
    const keys = inst.kvs.entries().filter(([k]) => k.startsWith('issue:')).map(([k]) => k);
    expect(keys).toHaveLength(2000);
    expect(inst.kvs.get(`issue:${site.issue(1234).key}`)).toMatchObject({ key: site.issue(1234).key, summary: site.issue(1234).fields.summary });
    expect(emu.inspect().log.filter((a) => a.functionKey === 'backfill-consumer').map((a) => a.outcome)).toEqual(['ok']);
  });

  test('a KVS 429 storm during the walk fails no invocation: state calls retry in place, refused writes are queued', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // Every KVS call is refused from the 5th page (about 100 ms in, at 20 ms a page) for 3 s.
    const emu = emulator({ site: { issues: 2000, pages: 10 }, faults: { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS + 90, toMs: VIRTUAL_EPOCH_MS + 3_000 }] } });
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    data(await call(inst, admin, 'startBackfill'));
    await emu.runUntilIdle();
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'done', items: 2000, pages: 20 });
    expect(inst.kvs.entries().filter(([k]) => k.startsWith('issue:'))).toHaveLength(2000);
    const refused = emu.metrics().rateLimitedByCall;
    expect((refused.get ?? 0) + (refused.set ?? 0)).toBeGreaterThan(0); // the state record's calls were refused...
    expect(emu.inspect().log.filter((a) => a.functionKey === 'backfill-consumer').map((a) => a.outcome)).toEqual(['ok']); // ...yet no platform retry
  });

  test('when its own writes spend the write units, a finisher event saves the final state a window later', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // 20 pages of 9 ordered transactions need 180 write units: 150 a minute run out at about page 15.
    const emu = emulator({ site: { issues: 2000, pages: 10 }, quotas: { kvsWriteUnitsPerMinute: 150 } });
    // Its own installation id: the library's per-installation pacing memory of earlier tests stays out.
    const inst = install(emu, { installationId: 'finisher-site' });
    const { admin } = accounts(emu, inst);
    data(await call(inst, admin, 'startBackfill'));
    await emu.runUntilIdle();
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'done', items: 2000, pages: 20 });
    expect(inst.kvs.entries().filter(([k]) => k.startsWith('issue:'))).toHaveLength(2000);
    const walks = emu.inspect().log.filter((a) => a.functionKey === 'backfill-consumer');
    expect(walks.map((a) => a.outcome)).toEqual(['ok', 'ok']); // the walk, then the finisher
    expect(walks[0]!.durationMs).toBeLessThan(10_000); // the walk did not wait for the window
  });

  test('hands off to a continuation event before its invocation runs out (a search taking 60 s a page)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator({ site: { issues: 2000, pages: 10 } });
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    const site = emu.product.site(inst.id);
    emu.product.route('jira', 'POST', '/rest/api/3/search/jql', async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 60_000)); // virtual: the route runs inside the invocation
      const from = Number((req.body as { nextPageToken?: string }).nextPageToken ?? '0');
      const to = Math.min(2000, from + 100);
      return { status: 200, body: { issues: Array.from({ length: to - from }, (_, i) => site.issue(from + i + 1)), ...(to < 2000 ? { nextPageToken: String(to) } : {}) } };
    });
    data(await call(inst, admin, 'startBackfill'));
    await emu.runUntilIdle();
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'done', items: 2000, pages: 20 });
    expect(inst.kvs.entries().filter(([k]) => k.startsWith('issue:'))).toHaveLength(2000);
    // 900 s of timeout: the first walk stops while 2 x 60 s remain (13 pages), a continuation walks the other 7.
    const walks = emu.inspect().log.filter((a) => a.functionKey === 'backfill-consumer');
    expect(walks.map((a) => a.outcome)).toEqual(['ok', 'ok']);
    expect(walks[0]!.durationMs).toBeLessThan(900_000);
  });

  test('shows n of N and a percentage from the first page (approximate count, then one page of 100)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator({ site: { issues: 2000, pages: 10 } });
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    const site = emu.product.site(inst.id);
    // The first page as the fixture site serves it; the second page is refused, so the run stops after one page.
    emu.product.route('jira', 'POST', '/rest/api/3/search/jql', (req) => {
      const token = (req.body as { nextPageToken?: string }).nextPageToken;
      if (token !== undefined) return { status: 400, body: { errorMessages: ['stop here'] } };
      return { status: 200, body: { issues: Array.from({ length: 100 }, (_, i) => site.issue(i + 1)), nextPageToken: 'page-2', isLast: false } };
    });
    data(await call(inst, admin, 'startBackfill'));
    await emu.runUntilIdle();
    const { backfill } = data(await call<{ backfill: { state: { items: number; total: number }; progress: number } }>(inst, admin, 'overview'));
    expect(backfill).toMatchObject({ state: { status: 'failed', items: 100, total: 2000, pages: 1 }, progress: 0.05 });
  });

  test('runs when the app is installed (avi:forge:installed:app)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator({ site: { issues: 250, pages: 10 } });
    const inst = install(emu);
    inst.fireProductEvent('avi:forge:installed:app', {});
    await emu.runUntilIdle();
    expect(inst.kvs.entries().filter(([k]) => k.startsWith('issue:'))).toHaveLength(250);
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'done', by: 'install', items: 250 });
  });

  test('cancel stops the chain at its next page', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator({ site: { issues: 500, pages: 10 } });
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    data(await call(inst, admin, 'startBackfill'));
    expect(data(await call<{ state: { status: string } }>(inst, admin, 'cancelBackfill')).state.status).toBe('cancelled');
    await emu.runUntilIdle();
    // The first page may have landed while start() ran (its event is delivered at once); no other did.
    expect(inst.kvs.entries().filter(([k]) => k.startsWith('issue:')).length).toBeLessThanOrEqual(100);
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'cancelled' });
    expect(await call(inst, admin, 'cancelBackfill')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('a failed search stops the run as failed; start resumes it where it stopped', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator({ site: { issues: 450, pages: 10 } });
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    let calls = 0;
    const unroute = emu.product.route('jira', 'POST', '/rest/api/3/search/jql', () => {
      calls++;
      return { status: 400, body: { errorMessages: ['The JQL is not valid today'] } };
    });
    data(await call(inst, admin, 'startBackfill'));
    await emu.runUntilIdle();
    expect(calls).toBe(1);
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'failed', seq: 0, error: expect.stringMatching(/400/) as unknown });
    unroute();
    const resumed = data(await call<{ state: { runId: string; status: string } }>(inst, admin, 'startBackfill'));
    await emu.runUntilIdle();
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ runId: resumed.state.runId, status: 'done', items: 450, pages: 5 });
  });
});
