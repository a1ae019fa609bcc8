import api from '@forge/api';
import * as apiV4 from 'forge-api-v4';
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../src/index.js';
import { manifestFor, useEmulator } from '../helpers.js';

/**
 * Forge's egress allow-list (page runtime-egress-permissions) through the SDKs' own external fetch:
 * `fetch` of @forge/api 8 (global fetch) and of @forge/api 4 (node-fetch on https.request). Hosts
 * under `.invalid` never resolve, so a request that reached the network rejects; a refused one is
 * answered 403 (400 for plain HTTP) by the emulator, without a network attempt.
 */
const make = useEmulator();
const setup = (backend: unknown[], options: EmulatorOptions = {}) => {
  const emu = make(options);
  const manifest = manifestFor(['q']) as { permissions: Record<string, unknown> };
  manifest.permissions.external = { fetch: { backend } };
  const app = emu.defineApp({ manifest, modules: { index: { q: () => undefined } } });
  return emu.install(app, { installationId: 'site-1' });
};

const sdks = [
  ['@forge/api 8 (global fetch)', (url: string) => api.fetch(url)],
  ['@forge/api 4 (node-fetch)', (url: string) => apiV4.fetch(url)],
] as const;

describe.each(sdks)('egress allow-list through %s', (_name, fetch) => {
  it('answers 403 for a host the manifest does not declare, naming the host and the manifest key', async () => {
    const inst = setup(['api.allowed.invalid']);
    const res = await inst.run(async () => {
      const r = await fetch('https://other.invalid/path?token=secret');
      return { status: r.status, body: (await r.json()) as { code: string; message: string } };
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('REQUEST_EGRESS_ALLOWLIST_ERR');
    expect(res.body.message).toContain('permissions.external.fetch.backend');
    expect(res.body.message).toContain('other.invalid');
    expect(res.body.message).not.toContain('token=secret');
  });

  it('lets a declared host (exact, or under a wildcard) through to the network', async () => {
    const inst = setup(['api.allowed.invalid', { address: '*.wild.invalid' }]);
    await expect(inst.run(() => fetch('https://api.allowed.invalid/x'))).rejects.toThrow();
    await expect(inst.run(() => fetch('https://a.wild.invalid/x'))).rejects.toThrow();
    const parent = await inst.run(async () => (await fetch('https://wild.invalid/x')).status);
    expect(parent).toBe(403);
  });

  it('answers 400 for plain HTTP, even to a declared host', async () => {
    const inst = setup(['*']);
    expect(await inst.run(async () => (await fetch('http://api.allowed.invalid/')).status)).toBe(400);
  });

  it("with egress 'allow-all' every request goes to the network", async () => {
    const inst = setup([], { egress: 'allow-all' });
    await expect(inst.run(() => fetch('https://other.invalid/'))).rejects.toThrow();
  });
});

it('https.get is checked too (Node implements it with its internal request)', async () => {
  const https = await import('node:https');
  const inst = setup([]);
  const status = await inst.run(() => new Promise<number | undefined>((resolve, reject) => {
    https.get('https://other.invalid/', (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
  }));
  expect(status).toBe(403);
});

describe('outside an invocation', () => {
  it('requests are not checked (the emulator and the test itself use the network as they like)', async () => {
    setup([]);
    await expect(globalThis.fetch('https://other.invalid/')).rejects.toThrow();
  });

  it('the guard is gone once the emulator is disposed', async () => {
    const https = await import('node:https');
    const holder = globalThis as unknown as Record<symbol, unknown>;
    const dispatcher = Symbol.for('undici.globalDispatcher.1');
    const before = { request: https.request, get: https.get, dispatcher: holder[dispatcher] };
    const emu = make();
    await globalThis.fetch('data:,');
    expect(https.request).not.toBe(before.request);
    expect(holder[dispatcher]).not.toBe(before.dispatcher);
    emu.dispose();
    expect(https.request).toBe(before.request);
    expect(https.get).toBe(before.get);
    expect(holder[dispatcher]).toBe(before.dispatcher);
  });
});

it("rejects an unknown egress mode with a TypeError naming the option", () => {
  expect(() => make({ egress: 'open' as unknown as 'enforce' })).toThrow(/egress must be 'enforce' or 'allow-all'/);
});
