import { createEmulator } from '../src/index.js'; // outside this repo: from '@forge-queue/forge-emulator'

const emu = createEmulator({ seed: 1 }); // virtual clock, documented quotas; installs the Forge globals
const app = await emu.loadApp(`${import.meta.dirname}/hello-app`); // reads manifest.yml, imports src/index.ts
const site = emu.install(app, { installationId: 'site-1' });
for (const key of ['DEMO-1', 'DEMO-2', 'DEMO-3']) {
  site.fireProductEvent('avi:jira:created:issue', { issue: { key, fields: { summary: `Issue ${key}` } } });
}
await emu.runUntilIdle(); // triggers push to the queue, the consumer writes KVS: everything delivered
console.log(site.kvs.get('issue:DEMO-1')); // { summary: 'Issue DEMO-1', at: '2026-01-01T00:00:00.000Z' }
console.log(site.kvs.entries().length, 'keys'); // 3 keys
const { invocations, pushes, kvsRequests, kvsWriteUnits, eventsDropped } = emu.metrics();
console.log({ invocations, pushes, kvsRequests, kvsWriteUnits, eventsDropped });
console.log(emu.inspect().log.map((l) => `${l.kind} ${l.functionKey} ${l.outcome}`)); // attempt log
emu.dispose(); // removes the globals and the clock patch
