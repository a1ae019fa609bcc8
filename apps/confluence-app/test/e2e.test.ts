// End to end on the emulator with the real SDK clients and the default quotas, for both consumer
// forms: 200 created pages with storage healthy (the producer writes directly), 200 behind a
// one-minute KVS 429 storm (everything goes through the queue and the consumer), and a bulk import of
// 2000 issues at the same instant (push and KVS quotas run out, the platform retries triggers).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { VIRTUAL_EPOCH_MS, type FaultOptions } from '@forge-queue/forge-emulator';
import * as app from '../src/index.js';
import { manifestText } from './support/manifest.js';
import { runPageScenario, type ScenarioResult } from './support/scenario.js';

const RESOLVER_MANIFEST = new URL('./fixtures/resolver-consumer.manifest.yml', import.meta.url);
const STORM: FaultOptions = { kvs429Storms: [{ fromMs: VIRTUAL_EPOCH_MS, toMs: VIRTUAL_EPOCH_MS + 60_000 }] };

let result: ScenarioResult | undefined;
afterEach(() => {
  result?.emulator.dispose();
  result = undefined;
});

describe.each([
  ['consumer: { queue, function } (modern)', () => manifestText()],
  ['consumer: { queue, resolver: { function, method } } (v1)', () => readFileSync(RESOLVER_MANIFEST, 'utf8')],
])('%s', (_form, manifest) => {
  test.each<[string, number, number, FaultOptions | undefined]>([
    ['200 issues, healthy storage', 200, 50, undefined],
    ['200 issues, a KVS 429 storm during the import', 200, 50, STORM],
    ['2000 issues created at the same instant', 2000, 0, undefined],
  ])('all land in KVS with the right values: %s', async (_case, count, spacingMs, faults) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    result = await runPageScenario({ manifest: manifest(), modules: { index: { ...app } }, count, spacingMs, faults });
    const { emulator, cases, kvs, mostRecent } = result;

    for (const { expected } of cases) expect(kvs.get(`page:${expected.id}`)).toEqual(expected);
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
    expect(log.mock.calls.flat().join('\n')).toContain(`[confluence-app@${app.APP_VERSION}]`);
  });
});
