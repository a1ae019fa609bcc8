import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../src/index.js';
import { caught, useEmulator } from './helpers.js';

const make = useEmulator();
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const issue = (key: string, project: string, extra: object = {}): object => ({ issue: { id: '1', key, fields: { project: { key: project } } }, atlassianId: 'user-7', ...extra });

describe('a CommonJS JavaScript app (require, module.exports, require(...).default)', () => {
  it('loads with the interop of Forge\'s bundle and runs trigger -> v1 resolver consumer -> KVS', async () => {
    const emu = make();
    const app = await emu.loadApp(fixture('cjs-app'), { source: 'src' });
    const site = emu.install(app, { installationId: 'site-cjs' });
    site.fireProductEvent('avi:jira:created:issue', issue('CJS-1', 'CJS'));
    await emu.runUntilIdle();
    expect(site.kvs.get('issue:CJS-1')).toEqual({ eventType: 'avi:jira:created:issue', by: 'user-7', installContext: 'ari:cloud:jira::site/site-cjs', accountId: 'user-7' });
  });

  it('applies the object-form event filter: expression and ignoreSelf; the string form has none', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture('cjs-app'), { source: 'src' }), { installationId: 'site-f' });
    site.fireProductEvent('avi:jira:created:issue', issue('OTHER-1', 'OTHER'));
    site.fireProductEvent('avi:jira:created:issue', issue('CJS-2', 'CJS', { selfGenerated: true }));
    site.fireProductEvent('avi:jira:updated:issue', issue('OTHER-2', 'OTHER', { selfGenerated: true }));
    await emu.runUntilIdle();
    expect(site.kvs.entries().map(([k]) => k)).toEqual(['issue:OTHER-2']);
  });

  it('gives resolvers the caller\'s accountId, installContext and installation', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture('cjs-app'), { source: 'src' }), { installationId: 'site-r' });
    expect(await site.invokeResolver('resolver', 'whoami', {}, { accountId: 'acc-1' })).toEqual({
      accountId: 'acc-1',
      cloudId: 'site-r',
      installContext: 'ari:cloud:jira::site/site-r',
      installation: { id: 'site-r', ari: 'ari:cloud:ecosystem::installation/site-r', contexts: ['ari:cloud:jira::site/site-r'] },
    });
    expect(await site.invokeResolver('resolver', 'whoami')).toMatchObject({ installContext: 'ari:cloud:jira::site/site-r' });
  });
});

describe('strict ESM JavaScript ("type": "module")', () => {
  it('fails to load the way its webpack bundle fails: the default import of @forge/resolver is module.exports', async () => {
    const emu = make();
    const e = await caught(() => emu.loadApp(fixture('esm-strict-app'), { source: 'src' }));
    expect(e).toBeInstanceOf(ManifestError);
    expect(e.message).toContain('Resolver is not a constructor');
  });
});

describe('TypeScript in a "type": "module" package', () => {
  it('loads like its webpack bundle (.ts is javascript/auto) and runs web trigger -> queue -> v1 resolver consumer', async () => {
    const emu = make();
    const site = emu.install(await emu.loadApp(fixture('ts-module-app'), { source: 'src' }), { installationId: 'site-ts' });
    expect((await site.webTrigger('sync-webhook', { method: 'POST', body: '["a","b"]' })).statusCode).toBe(400);
    const accepted = await site.webTrigger('sync-webhook', { method: 'POST', body: '["a","b"]', queryParameters: { source: ['ci'] } });
    expect(accepted.statusCode).toBe(202);
    const { jobId } = JSON.parse(accepted.body) as { jobId: string };
    await emu.runUntilIdle();
    expect(site.kvs.get('item:b')).toEqual({ source: 'ci', jobId });
    expect(await site.invokeResolver('resolver', 'status', {}, { accountId: 'admin-1', context: { moduleKey: 'admin' } })).toEqual({
      moduleKey: 'admin', accountId: 'admin-1', url: site.webTriggerUrl('sync-webhook'), items: 2,
    });
  });
});
