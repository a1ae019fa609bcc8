import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManifestError, VIRTUAL_EPOCH_MS } from '../src/index.js';
import { useEmulator } from './helpers.js';

const make = useEmulator();
const fixture = fileURLToPath(new URL('./fixtures/esm-js-app', import.meta.url));
const EVENT = 'event:tick-done';
const MIN = 60_000;

describe('scheduledTrigger (JavaScript app in the forge create template form)', () => {
  it('first runs 5 minutes after install, then every interval; runUntilIdle does not wait for it', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture, { source: 'src' }), { installationId: 's1' });
    await emu.runUntilIdle();
    expect(emu.now()).toBe(VIRTUAL_EPOCH_MS);
    expect(site.kvs.get('ticks')).toBeUndefined();
    await emu.advance(5 * MIN);
    expect(site.kvs.get('ticks')).toBe(1);
    expect(site.kvs.get('last-tick')).toEqual({ moduleKey: 'hourly', at: new Date(VIRTUAL_EPOCH_MS + 5 * MIN).toISOString() });
    await emu.advance(60 * MIN - 1);
    expect(site.kvs.get('ticks')).toBe(1);
    await emu.advance(1);
    expect(site.kvs.get('ticks')).toBe(2);
    expect(emu.inspect().log.filter((l) => l.kind === 'scheduled').map((l) => l.atMs - VIRTUAL_EPOCH_MS)).toEqual([5 * MIN, 65 * MIN]);
  });

  it('does not retry a failed run, and refuses a sixth scheduled trigger or an unknown interval', async () => {
    const emu = make();
    let runs = 0;
    const manifest = { modules: { scheduledTrigger: [{ key: 'st', function: 'f', interval: 'fiveMinute' }], function: [{ key: 'f', handler: 'index.f' }] } };
    const site = emu.install(emu.defineApp({ manifest, modules: { index: { f: () => { runs++; throw new Error('boom'); } } } }));
    await emu.advance(12 * MIN);
    expect(runs).toBe(2);
    expect(site.metrics().retries).toBe(0);
    expect(emu.inspect().log.map((l) => [l.kind, l.outcome, l.error])).toEqual([['scheduled', 'error', 'Error: boom'], ['scheduled', 'error', 'Error: boom']]);
    const six = Array.from({ length: 6 }, (_, i) => ({ key: `st${i}`, function: 'f', interval: 'day' }));
    expect(() => emu.defineApp({ manifest: { modules: { ...manifest.modules, scheduledTrigger: six } }, modules: { index: { f: () => 1 } } })).toThrow('at most 5 scheduled triggers');
    expect(() => emu.defineApp({ manifest: { modules: { ...manifest.modules, scheduledTrigger: [{ key: 'x', function: 'f', interval: 'minute' }] } }, modules: { index: { f: () => 1 } } })).toThrow(ManifestError);
  });
});

describe('app events', () => {
  it('appEvents.publish delivers to the triggers subscribed to the event AVI; undeclared keys fail', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture, { source: 'src' }), { installationId: 's2' });
    await emu.advance(5 * MIN);
    expect(site.kvs.get(EVENT)).toBe(1);
    const result = await site.invokeResolver('resolver', 'publish', { events: [{ key: 'tick-done' }, { key: 'nope' }] });
    expect(result).toEqual({ type: 'success', failedEvents: [{ event: { key: 'nope' }, errorMessage: "Event 'nope' is not declared in the manifest (modules.event)" }] });
    await emu.runUntilIdle();
    expect(site.kvs.get(EVENT)).toBe(2);
    const tooMany = await site.invokeResolver('resolver', 'publish', { events: Array.from({ length: 11 }, () => ({ key: 'tick-done' })) });
    expect(tooMany).toMatchObject({ type: 'error', errorType: 'VALIDATION_ERROR' });
  });
});

describe('web triggers', () => {
  it('webTrigger.getUrl answers a loopback URL that the emulator calls, with the request and response shapes of Forge', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture, { source: 'src' }), { installationId: 's3' });
    const url = (await site.invokeResolver('resolver', 'hookUrl')) as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:0\/x1\/[\w-]+$/);
    expect(url).toBe(site.webTriggerUrl('hook'));
    const r = await emu.callWebTrigger(`${url}?a=1&a=2`, { method: 'POST', body: JSON.stringify({ id: 'w1' }), queryParameters: { a: ['1', '2'] } });
    expect(r).toEqual({ statusCode: 201, headers: { 'Content-Type': ['application/json'] }, body: '{"stored":"w1"}' });
    expect(site.kvs.get('hook:w1')).toEqual({ method: 'POST', query: { a: ['1', '2'] } });
    expect((await emu.callWebTrigger('http://127.0.0.1:0/x1/unknown')).statusCode).toBe(404);
  });

  it('serves web triggers over HTTP on 127.0.0.1', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture, { source: 'src' }), { installationId: 's4' });
    const server = await emu.serveWebTriggers();
    try {
      const url = (await site.invokeResolver('resolver', 'hookUrl')) as string;
      expect(url.startsWith(`${server.url}/x1/`)).toBe(true);
      const res = await fetch(`${url}?tag=x`, { method: 'POST', body: JSON.stringify({ id: 'h1' }) });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ stored: 'h1' });
      expect(site.kvs.get('hook:h1')).toEqual({ method: 'POST', query: { tag: ['x'] } });
    } finally {
      await server.close();
    }
  });

  it('offers a request listener a dev server can mount, with web trigger URLs on its address', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture, { source: 'src' }), { installationId: 's5' });
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', emu.webTriggerListener({ baseUrl: `${base}/` }));
    try {
      const url = (await site.invokeResolver('resolver', 'hookUrl')) as string;
      expect(url.startsWith(`${base}/x1/`)).toBe(true);
      const res = await fetch(url, { method: 'PUT', body: JSON.stringify({ id: 'm1' }) });
      expect(res.status).toBe(201);
      expect(site.kvs.get('hook:m1')).toEqual({ method: 'PUT', query: {} });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('answers 500 for a result that is not a response, as Forge does', async () => {
    const emu = make();
    const manifest = { modules: { webtrigger: [{ key: 'w', function: 'f' }], function: [{ key: 'f', handler: 'index.f' }] } };
    const site = emu.install(emu.defineApp({ manifest, modules: { index: { f: () => ({ body: 'no status' }) } } }));
    expect((await site.webTrigger('w')).statusCode).toBe(500);
  });
});
