import { kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();

describe('SDK transport', () => {
  it('serves @forge/kvs through the { type: kvs, provider: app, remote: kvs } fetch target', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
    const g = globalThis as unknown as { __forge_fetch__: (t: unknown, p: string, i: unknown) => Promise<unknown> };
    const original = g.__forge_fetch__;
    const seen: Array<[unknown, string]> = [];
    g.__forge_fetch__ = (t, p, i) => {
      seen.push([t, p]);
      return original(t, p, i);
    };
    try {
      await inst.run(() => kvs.set('k', 1));
    } finally {
      g.__forge_fetch__ = original;
    }
    expect(seen).toEqual([[{ type: 'kvs', provider: 'app', remote: 'kvs' }, '/api/v1/set']]);
  });

  it('keeps secrets and entities apart from plain keys', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
    const out = await inst.run(async () => {
      await kvs.setSecret('same', 'secret');
      await kvs.entity<{ n: number }>('things').set('same', { n: 1 });
      await kvs.set('same', 'plain');
      return [await kvs.getSecret('same'), await kvs.entity<{ n: number }>('things').get('same'), await kvs.get('same')];
    });
    expect(out).toEqual(['secret', { n: 1 }, 'plain']);
    expect(inst.kvs.entries()).toEqual([['same', 'plain']]);
  });

  it('refuses platform calls outside an invocation', async () => {
    make();
    await expect(kvs.get('x')).rejects.toMatchObject({ code: 'FE_NO_CONTEXT' });
  });
});
