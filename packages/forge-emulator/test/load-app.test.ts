import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManifestError, VIRTUAL_EPOCH_MS } from '../src/index.js';
import { caught, useEmulator } from './helpers.js';

const make = useEmulator();
const fixture = fileURLToPath(new URL('./fixtures/tiny-app', import.meta.url));

describe('loadApp', () => {
  it('reads manifest.yml, imports src/index.ts and runs trigger -> queue -> consumer', async () => {
    const emu = make();
    const app = await emu.loadApp(fixture, { source: 'src' });
    expect([...app.functionKeys]).toEqual(['on-issue', 'write']);
    const inst = emu.install(app, { installationId: 'site-1' });
    inst.fireProductEvent('avi:jira:created:issue', { issue: { key: 'FIX-1' } }, { atMs: VIRTUAL_EPOCH_MS + 5000 });
    await emu.runUntilIdle();
    expect(inst.kvs.get('issue:FIX-1')).toEqual({ at: VIRTUAL_EPOCH_MS + 5000 });
    expect(emu.metrics().byInstallation['site-1']?.invocations).toBe(2);
  });

  it('fails with ManifestError for a folder without manifest.yml', async () => {
    const emu = make();
    expect(await caught(() => emu.loadApp(fileURLToPath(new URL('./fixtures', import.meta.url))))).toBeInstanceOf(ManifestError);
  });

  it('rejects a handler that the module does not export', () => {
    const emu = make();
    const manifest = { modules: { function: [{ key: 'f', handler: 'index.missing' }] } };
    expect(() => emu.defineApp({ manifest, modules: { index: {} } })).toThrow(ManifestError);
  });
});

describe('options and globals', () => {
  it('rejects bad options with TypeError', () => {
    expect(() => make({ seed: -1 })).toThrow(TypeError);
    expect(() => make({ quotas: { pushEventsPerMinute: 0 } })).toThrow(TypeError);
    expect(() => make({ faults: { duplicateRate: 2 } })).toThrow(TypeError);
  });

  it('leaves real time untouched outside invocations and removes the globals on dispose', () => {
    const emu = make();
    const g = globalThis as { __forge_fetch__?: unknown; __forge_runtime__?: unknown };
    expect(typeof g.__forge_fetch__).toBe('function');
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1000);
    expect(emu.now()).toBe(VIRTUAL_EPOCH_MS);
    emu.dispose();
    expect(g.__forge_fetch__).toBeUndefined();
    expect(g.__forge_runtime__).toBeUndefined();
  });
});
