// forge-emulator dev: the HTTP surface of the dev server over a real socket on 127.0.0.1, with the
// fixture app (trigger -> queue -> consumer, an install hook, a Custom UI admin page and its resolver).
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { parseDevArgs } from '../src/dev/args.js';
import { startDevServer, type DevServer } from '../src/index.js';

const APP = fileURLToPath(new URL('./fixtures/dev-app', import.meta.url));
let server: DevServer | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(o: { statePath?: string } = {}): Promise<DevServer> {
  server = await startDevServer({ appDir: APP, port: 0, statePath: o.statePath, site: { issues: 10, pages: 10 } });
  return server;
}

const post = async (s: DevServer, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const get = async <T = Record<string, unknown>>(s: DevServer, path: string): Promise<T> => (await (await fetch(`${s.url}${path}`)).json()) as T;

interface State { queues: Record<string, number>; clock: { autoRun: boolean }; installations: Array<{ keys: number }>; log: Array<{ functionKey: string; outcome: string }>; quotas: Array<{ quota: string; used: number; limit: number }>; users: Array<{ id: string; accountId: string }> }

describe('forge-emulator dev', () => {
  test('serves on 127.0.0.1 only, and refuses other host names (DNS rebinding)', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await new Promise<number | undefined>((ok, fail) => {
      const req = request(`${s.url}/api/state`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        ok(res.statusCode);
      });
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(403);
  });

  test('the dashboard and the Custom UI page carry Forge\'s CSP; the page gets the bridge before its own scripts', async () => {
    const s = await start();
    const dashboard = await fetch(`${s.url}/`);
    expect(dashboard.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await dashboard.text()).toContain('<script type="module" src="/dashboard.js">');
    const page = await fetch(`${s.url}/ui/admin-page/index.html?as=user`);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const bridgeAt = html.indexOf('<script src="/__forge/bridge.js?page=admin-page');
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(html.indexOf('<script type="module" src="./app.js">'));
    expect(html).toContain(`account=${encodeURIComponent(s.session.accountOf('user').accountId)}`);
    expect((await fetch(`${s.url}/ui/admin-page/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${s.url}/ui/admin-page/..%2F..%2Fmanifest.yml`)).status).toBe(403);
    expect((await fetch(`${s.url}/ui/nope/index.html`)).status).toBe(404);
  });

  test('invoke reaches the page\'s resolver as the chosen user of the fixture site', async () => {
    const s = await start();
    const site = s.session.emulator.product.site('dev-site');
    for (const [as, accountId] of [['admin', site.admin.accountId], ['user', site.user.accountId]] as const) {
      const { status, json } = await post(s, '/__forge/invoke', { page: 'admin-page', as, functionKey: 'whoami', payload: { echo: 'hi' } });
      expect(status).toBe(200);
      expect(json).toEqual({ ok: true, result: { accountId, moduleKey: 'admin-page', echo: 'hi' } });
    }
    expect(await post(s, '/__forge/invoke', { page: 'admin-page', as: 'admin', functionKey: 'nope' })).toMatchObject({ json: { ok: false, error: expect.stringMatching(/no definition for 'nope'/) as unknown } });
    expect((await post(s, '/__forge/invoke', { page: 'admin-page', as: 'root', functionKey: 'whoami' })).status).toBe(400);
    expect((await fetch(`${s.url}/api/fire`, { method: 'POST', body: '{}' })).status).toBe(415);
  });

  test('product events wait for the clock when auto-run is off; running it drains them into KVS', async () => {
    const s = await start();
    await post(s, '/api/clock', { action: 'run' }); // the install hook of the fresh site
    expect((await post(s, '/api/settings', { autoRun: false })).json).toEqual({ autoRun: false });
    expect((await post(s, '/api/fire', { eventType: 'avi:jira:created:issue', count: 5 })).json).toEqual({ fired: 5 });
    const before = await get<State>(s, '/api/state');
    expect(before.queues.queued).toBe(5);
    expect(before.installations[0]?.keys).toBe(1);
    expect((await post(s, '/api/clock', { action: 'advance', seconds: 60 })).status).toBe(200);
    const after = await get<State>(s, '/api/state');
    expect(after.queues).toMatchObject({ queued: 0, delayed: 0, retrying: 0, inFlight: 0, dropped: 0 });
    expect(after.installations[0]?.keys).toBe(6);
    expect(after.log.filter((e) => e.functionKey === 'write' && e.outcome === 'ok')).toHaveLength(5);
    expect(after.quotas.find((q) => q.quota === 'pushEventsPerMinute')).toMatchObject({ limit: 500 });
    // The KVS browser lists keys and sizes; a value only on request.
    const page = await get<{ total: number; items: Array<Record<string, unknown>> }>(s, '/api/kvs?search=issue:DEV-&limit=2');
    expect(page.total).toBe(5);
    expect(page.items.map((i) => Object.keys(i).sort())).toEqual([['bytes', 'key'], ['bytes', 'key']]);
    expect(JSON.stringify(page)).not.toContain('Dev issue');
    expect(await get(s, '/api/kvs/value?key=issue:DEV-1')).toEqual({ key: 'issue:DEV-1', value: { summary: 'Dev issue 1' } });
  });

  test('the store persists across restarts; the install hook fires only on a fresh site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-state-'));
    dirs.push(dir);
    const statePath = join(dir, 'state.json');
    let s = await start({ statePath });
    await post(s, '/api/fire', { eventType: 'avi:jira:created:issue', count: 3 });
    await post(s, '/api/clock', { action: 'run' });
    const installedAt = s.session.installation.kvs.get('installed');
    expect(installedAt).toBeDefined();
    await s.close();
    server = undefined;
    s = await start({ statePath });
    await post(s, '/api/clock', { action: 'run' });
    expect(s.session.installation.kvs.get('issue:DEV-3')).toEqual({ summary: 'Dev issue 3' });
    expect(s.session.installation.kvs.get('installed')).toEqual(installedAt);
    expect((await get<State>(s, '/api/state')).log.filter((e) => e.functionKey === 'on-installed')).toEqual([]);
  });

  test('reload loads the app again and keeps the store', async () => {
    const s = await start();
    await post(s, '/api/fire', { eventType: 'avi:jira:created:issue', count: 2 });
    await post(s, '/api/clock', { action: 'run' });
    const generation = s.session.generation;
    await s.session.reload();
    expect(s.session.generation).toBe(generation + 1);
    expect(s.session.installation.kvs.get('issue:DEV-2')).toEqual({ summary: 'Dev issue 2' });
  });
});

describe('dev arguments', () => {
  test.each<[string[], RegExp]>([
    [[], /exactly one <appDir>/],
    [['a', 'b'], /exactly one <appDir>/],
    [['a', '--port', '70000'], /--port/],
    [['a', '--source', 'lib'], /--source/],
    [['a', '--quota', 'nope=1'], /bad --quota/],
    [['a', '--issues', '-1'], /--issues/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseDevArgs(argv)).toThrow(message);
  });

  test('defaults', () => {
    expect(parseDevArgs(['apps/jira-app'])).toEqual({ appDir: 'apps/jira-app', port: 8787, seed: 1, persist: true, statePath: undefined, source: 'src', quotas: {}, watch: true, issues: 2000, pages: 2000 });
    expect(parseDevArgs(['a', '--no-persist', '--no-watch', '--port', '0'])).toMatchObject({ persist: false, watch: false, port: 0 });
  });
});
