// Every trigger the manifest declares pushes to the queue its consumer reads: run each trigger on
// the emulator while KVS answers 429 (so the producer cannot write directly and must queue) and
// record which queue the consumer named in the manifest was invoked for.
import { afterEach, expect, test, vi } from 'vitest';
import { createEmulator, VIRTUAL_EPOCH_MS, type Emulator } from '@forge-queue/forge-emulator';
import * as app from '../src/index.js';
import { pageCase } from './support/events.js';
import { manifestText, readManifest, splitHandler } from './support/manifest.js';

let emulator: Emulator | undefined;
afterEach(() => {
  emulator?.dispose();
  emulator = undefined;
});

const manifest = readManifest();
const functionsByKey = new Map(manifest.modules.function.map((f) => [f.key, f]));

test.each(manifest.modules.trigger.flatMap((t) => t.events.map((e) => [t.key, e] as const)))(
  'trigger %s on %s feeds the queue its consumer reads',
  async (_trigger, eventType) => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const [consumer] = manifest.modules.consumer;
    const { name } = splitHandler(functionsByKey.get(consumer!.function!)!.handler);
    const real = (app as Record<string, unknown>)[name] as (event: unknown, context: unknown) => unknown;
    const queuesSeen: unknown[] = [];
    const spy = (event: { queueName?: unknown }, context: unknown): unknown => {
      queuesSeen.push(event.queueName);
      return real(event, context);
    };

    emulator = createEmulator({ seed: 3, faults: { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS, toMs: VIRTUAL_EPOCH_MS + 30_000 }] } });
    const installation = emulator.install(
      emulator.defineApp({ manifest: manifestText(), modules: { index: { ...app, [name]: spy } } }),
      { product: 'confluence' },
    );
    const { event, expected } = pageCase(0);
    installation.fireProductEvent(eventType, event);
    await emulator.runUntilIdle();

    const attempts = emulator.inspect().log;
    expect(attempts.filter((a) => a.kind === 'trigger').map((a) => a.outcome)).toEqual(['ok']);
    expect(installation.metrics().eventsPushed).toBeGreaterThan(0);
    expect(queuesSeen.length).toBeGreaterThan(0);
    expect(new Set(queuesSeen)).toEqual(new Set([consumer!.queue]));
    expect(installation.kvs.get(`page:${expected.id}`)).toEqual(expected);
  },
);
