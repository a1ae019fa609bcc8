import { getAppContext } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { InvocationTimeoutError, ManifestError } from '../src/index.js';
import { caught, useEmulator } from './helpers.js';

const make = useEmulator();
const manifest = {
  app: { id: 'ari:cloud:ecosystem::app/0f0f0f0f-0000-4000-8000-000000000001' },
  modules: {
    function: [
      { key: 'echo', handler: 'index.echo' },
      { key: 'slow', handler: 'index.slow', timeoutSeconds: 2 },
    ],
  },
};

describe('invoke', () => {
  it('calls a manifest function with the payload and a context, metered', async () => {
    const emu = make();
    const app = emu.defineApp({
      manifest,
      modules: {
        index: {
          echo: (payload: unknown, context: { installContext: string }) => {
            const ctx = getAppContext();
            return { payload, installContext: context.installContext, installation: ctx.installationAri.toString(), app: ctx.appAri.toString(), left: ctx.invocationRemainingTimeInMillis() };
          },
          slow: () => new Promise((r) => setTimeout(r, 5000)),
        },
      },
    });
    const inst = emu.install(app, { installationId: 'site-9', product: 'confluence' });
    expect(await inst.invoke('echo', { a: 1 })).toEqual({
      payload: { a: 1 },
      installContext: 'ari:cloud:confluence::site/site-9',
      installation: 'ari:cloud:ecosystem::installation/site-9',
      app: 'ari:cloud:ecosystem::app/0f0f0f0f-0000-4000-8000-000000000001',
      left: 25_000,
    });
    expect(await caught(() => inst.invoke('slow'))).toBeInstanceOf(InvocationTimeoutError);
    expect(await caught(() => inst.invoke('nope'))).toBeInstanceOf(ManifestError);
    expect(inst.metrics().invocations).toBe(2);
    expect(inst.metrics().gbSeconds).toBeCloseTo(0.5 * (0.1 + 2.1), 6);
  });
});
