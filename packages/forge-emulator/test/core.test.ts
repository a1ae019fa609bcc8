import * as timers from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { kvs } from '@forge/kvs';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { getAppContext } from '@forge/api';
import { makeResolver } from '@forge/resolver';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';

const manifest = `
app:
  id: ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555
  runtime: { name: nodejs22.x }
modules:
  consumer:
    - { key: c1, queue: work, function: consume }
    - { key: c2, queue: legacy, resolver: { function: legacyFn, method: apply } }
  trigger:
    - { key: t1, function: onIssue, events: [avi:jira:created:issue] }
  function:
    - { key: consume, handler: index.consume }
    - { key: legacyFn, handler: index.legacy }
    - { key: onIssue, handler: index.onIssue }
`;

let emu: Emulator | undefined;
afterEach(() => {
  emu?.dispose();
  emu = undefined;
});

describe('core', () => {
  it('runs the real kvs client inside run() and keeps the virtual clock', async () => {
    emu = createEmulator();
    const app = emu.defineApp({ manifest, modules: { index: { consume: () => undefined, legacy: () => undefined, onIssue: () => undefined } } });
    const inst = emu.install(app);
    const start = emu.now();
    const out = await inst.run(async () => {
      await kvs.set('a', { n: 1 });
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 60_000));
      return { value: await kvs.get('a'), slept: Date.now() - t0, remaining: getAppContext().invocationRemainingTimeInMillis() };
    });
    expect(out.value).toEqual({ n: 1 });
    expect(out.slept).toBe(60_000);
    expect(out.remaining).toBe(840_000);
    expect(emu.now() - start).toBe(60_000);
    expect(inst.kvs.get('a')).toEqual({ n: 1 });
  });

  it('delivers pushed events to modern and v1 consumers and retries InvocationError', async () => {
    emu = createEmulator();
    const seen: unknown[] = [];
    const legacy = makeResolver({
      apply: ({ payload }: { payload: unknown }) => {
        seen.push(['legacy', payload]);
      },
    });
    const app = emu.defineApp({
      manifest,
      modules: {
        index: {
          consume: async (event: { body: { k: string }; retryContext?: { retryCount: number } }) => {
            seen.push(['modern', event.body, event.retryContext?.retryCount]);
            if (event.retryContext === undefined) return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
            await kvs.set(event.body.k, 1);
            return undefined;
          },
          legacy,
          onIssue: async (e: { issue: { key: string } }) => {
            await new Queue({ key: 'work' }).push({ body: { k: e.issue.key } });
            await new Queue({ key: 'legacy' }).push([{ body: { x: 1 } }]);
          },
        },
      },
    });
    const inst = emu.install(app);
    inst.fireProductEvent('avi:jira:created:issue', { issue: { key: 'I-1' } });
    const t0 = emu.now();
    await emu.runUntilIdle();
    expect(inst.kvs.get('I-1')).toBe(1);
    expect(emu.now() - t0).toBe(30_000);
    expect(seen).toContainEqual(['legacy', { x: 1 }]);
    expect(emu.metrics().retries).toBe(1);
  });
});

describe('virtual clock patches', () => {
  it('covers node:timers/promises and node:timers inside invocations only', async () => {
    emu = createEmulator();
    const app = emu.defineApp({ manifest, modules: { index: { consume: () => undefined, legacy: () => undefined, onIssue: () => undefined } } });
    const inst = emu.install(app);
    const elapsed = await inst.run(async () => {
      const t0 = Date.now();
      await sleep(600_000);
      await new Promise((r) => timers.setTimeout(r, 1000));
      return Date.now() - t0;
    });
    expect(elapsed).toBe(601_000);
    const d = new Date();
    expect(d).toBeInstanceOf(Date);
    expect(Math.abs(d.getTime() - (performance.timeOrigin + performance.now()))).toBeLessThan(1000);
  });
});

describe('virtual clock and real I/O', () => {
  it('does not time out an invocation that awaits real I/O', async () => {
    const { readFile } = await import('node:fs/promises');
    emu = createEmulator();
    const app = emu.defineApp({ manifest, modules: { index: { consume: () => undefined, legacy: () => undefined, onIssue: () => undefined } } });
    const inst = emu.install(app);
    const text = await inst.run(async () => {
      const a = await readFile(new URL(import.meta.url), 'utf8');
      await new Promise((r) => setTimeout(r, 5));
      return a;
    }, { timeoutSeconds: 1 });
    expect(text).toContain('does not time out');
  });
});
