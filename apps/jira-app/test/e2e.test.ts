// End to end on the emulator with the real SDK clients: 200 created issues with the default quotas,
// once with storage healthy and once behind a one-minute KVS 429 storm (so the trigger's direct
// writes fail and everything goes through the queue and the consumer), for both consumer forms.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { VIRTUAL_EPOCH_MS, type FaultOptions } from '@forge-queue/forge-emulator';
import * as app from '../src/index.js';
import { manifestText } from './support/manifest.js';
import { runIssueScenario, type ScenarioResult } from './support/scenario.js';

const COUNT = 200;
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
  test.each([
    ['healthy storage', undefined],
    ['a KVS 429 storm during the import', STORM],
  ])(`${COUNT} created issues all land in KVS with the right values: %s`, async (_case, faults) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    result = await runIssueScenario({ manifest: manifest(), modules: { index: { ...app } }, count: COUNT, faults });
    const { emulator, cases, kvs, mostRecent } = result;

    for (const { expected } of cases) expect(kvs.get(`issue:${expected.key}`)).toEqual(expected);
    expect(kvs.size).toBe(COUNT + 1);
    expect(mostRecent).toEqual(cases.at(-1)?.expected);

    const state = emulator.inspect();
    expect(state.dropped).toEqual([]);
    expect(state.queued + state.delayed + state.retrying + state.inFlight).toBe(0);
    expect(emulator.metrics().eventsDropped).toBe(0);
    // Under the storm the trigger cannot write directly: the consumer named in the manifest applied the writes.
    const consumerApplied = state.log.some((a) => a.kind === 'consumer' && a.outcome === 'ok');
    expect(faults === undefined || consumerApplied).toBe(true);
    // The app's version is visible in its log lines at runtime.
    expect(log.mock.calls.flat().join('\n')).toContain(`[jira-app@${app.APP_VERSION}]`);
  });
});
