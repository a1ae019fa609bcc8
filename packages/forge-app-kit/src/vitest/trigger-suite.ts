// Every trigger the manifest declares pushes to the queue its consumer reads: run each trigger on
// the emulator while KVS answers 429 (so the producer cannot write directly and must queue) and
// record which queue the consumer named in the manifest was invoked for.
import { createEmulator, VIRTUAL_EPOCH_MS, type Emulator } from '@forge-queue/forge-emulator';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { manifestPath, manifestText, readManifest, splitHandler } from '../manifest/read.js';
import { recordKey } from '../scenario/app.js';
import { captureLog, logged, present, type ForgeAppSuiteOptions } from './options.js';

type Handler = (event: unknown, context: unknown) => unknown;

export function describeTriggerQueue<R>(o: ForgeAppSuiteOptions<R>): void {
  const file = manifestPath(o.appDir);
  const manifest = readManifest(file);
  const functionsByKey = new Map(manifest.modules.function.map((f) => [f.key, f]));
  let emulator: Emulator | undefined;

  describe('trigger -> queue -> consumer', () => {
    afterEach(() => {
      emulator?.dispose();
      emulator = undefined;
    });

    // Product-event triggers; Forge lifecycle events (avi:forge:*, e.g. the install-time backfill) differ.
    test.each(manifest.modules.trigger.flatMap((t) => t.events.filter((e) => !e.startsWith('avi:forge:')).map((e) => [t.key, e] as const)))(
      'trigger %s on %s feeds the queue its consumer reads',
      async (_trigger, eventType) => {
        captureLog(onTestFinished);
        const consumer = present(manifest.modules.consumer[0], 'consumer');
        const consumerFn = present(functionsByKey.get(present(consumer.function, 'consumer function')), 'consumer function module');
        const { name } = splitHandler(consumerFn.handler);
        const real = o.app[name] as Handler;
        const queuesSeen: unknown[] = [];
        const spy = (event: { queueName?: unknown }, context: unknown): unknown => {
          queuesSeen.push(event.queueName);
          return real(event, context);
        };

        emulator = createEmulator({ seed: 3, faults: { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS, toMs: VIRTUAL_EPOCH_MS + 30_000 }] } });
        const installation = emulator.install(
          emulator.defineApp({ manifest: manifestText(file), modules: { index: { ...o.app, [name]: spy } } }),
          { product: o.product },
        );
        const [{ event, expected }] = o.makeCases(1) as [{ event: Record<string, unknown>; expected: R }];
        installation.fireProductEvent(eventType, event);
        await emulator.runUntilIdle();

        const attempts = emulator.inspect().log;
        expect(attempts.filter((a) => a.kind === 'trigger').map((a) => a.outcome)).toEqual(['ok']);
        expect(installation.metrics().eventsPushed).toBeGreaterThan(0);
        expect(queuesSeen.length).toBeGreaterThan(0);
        expect(new Set(queuesSeen)).toEqual(new Set([consumer.queue]));
        expect(installation.kvs.get(recordKey(o, expected))).toEqual(expected);
      },
    );

    test(`a malformed ${o.eventType} event is logged and acknowledged: no retry, no write, no push`, async () => {
      const log = captureLog(onTestFinished);
      emulator = createEmulator({ seed: 3 });
      const installation = emulator.install(emulator.defineApp({ manifest: manifestText(file), modules: { index: { ...o.app } } }), { product: o.product });
      installation.fireProductEvent(o.eventType, o.malformedEvent ?? {});
      await emulator.runUntilIdle();

      expect(emulator.inspect().log.map((a) => [a.kind, a.outcome])).toEqual([['trigger', 'ok']]);
      expect(installation.kvs.entries().filter(([key]) => key.startsWith(o.keyPrefix) || key === o.mostRecentKey)).toEqual([]);
      expect(installation.metrics().eventsPushed).toBe(0);
      expect(logged(log)).toMatch(new RegExp(`\\[${o.name}@[^\\]]+\\] skipped event`));
    });
  });
}
