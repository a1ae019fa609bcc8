// End to end on the emulator with the real SDK clients and the default quotas, for both consumer
// forms: 200 created items with storage healthy (the producer writes directly), 200 behind a
// one-minute KVS 429 storm (everything goes through the queue and the consumer), and a bulk import of
// 2000 items at the same instant (push and KVS quotas run out, the platform retries triggers).
import { VIRTUAL_EPOCH_MS, type FaultOptions } from '@forge-queue/forge-emulator';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { manifestPath, manifestText } from '../manifest/read.js';
import { recordKey } from '../scenario/app.js';
import { runScenario, type ScenarioResult } from '../scenario/run.js';
import { captureLog, logged, packageVersion, type ForgeAppSuiteOptions } from './options.js';

const STORM: FaultOptions = { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS, toMs: VIRTUAL_EPOCH_MS + 60_000 }] };

export function describeEndToEnd<R>(o: ForgeAppSuiteOptions<R>): void {
  let result: ScenarioResult<R> | undefined;

  describe.each([
    ['consumer: { queue, function } (modern)', () => manifestText(manifestPath(o.appDir))],
    ['consumer: { queue, resolver: { function, method } } (v1)', () => manifestText(o.resolverManifest)],
  ])('%s', (_form, manifest) => {
    afterEach(() => {
      result?.emulator.dispose();
      result = undefined;
    });

    test.each<[string, number, number, FaultOptions | undefined]>([
      [`200 ${o.items}, healthy storage`, 200, 50, undefined],
      [`200 ${o.items}, a KVS 429 storm during the import`, 200, 50, STORM],
      [`2000 ${o.items} created at the same instant`, 2000, 0, undefined],
    ])('all land in KVS with the right values: %s', async (_case, count, spacingMs, faults) => {
      const log = captureLog(onTestFinished);
      result = await runScenario(o, { manifest: manifest(), modules: { index: { ...o.app } }, count, spacingMs, faults });
      const { emulator, cases, kvs, mostRecent } = result;

      for (const { expected } of cases) expect(kvs.get(recordKey(o, expected))).toEqual(expected);
      expect(kvs.size).toBe(count + 1);
      expect(mostRecent).toEqual(cases.at(-1)?.expected);

      const state = emulator.inspect();
      expect(state.dropped).toEqual([]);
      expect(state.queued + state.delayed + state.retrying + state.inFlight).toBe(0);
      expect(emulator.metrics().eventsDropped).toBe(0);
      // Under the storm the trigger cannot write directly: the consumer named in the manifest applied the writes.
      const consumerApplied = state.log.some((a) => a.kind === 'consumer' && a.outcome === 'ok');
      expect(faults === undefined || consumerApplied).toBe(true);
      // The app's version is visible in its log lines at runtime.
      expect(o.app.APP_VERSION).toBe(packageVersion(o.appDir));
      expect(logged(log)).toContain(`[${o.name}@${packageVersion(o.appDir)}]`);
    });
  });
}
