/**
 * Delivery benchmark: N events (default 100,000) pushed in batches of 50 and delivered to a trivial
 * consumer that writes one key each, on the virtual clock. Prints wall time, µs per event and peak
 * memory. Quotas are raised so the figure measures the emulator, not the documented limits.
 *   pnpm --filter @forge-queue/forge-emulator bench [-- --events 100000]
 * The script runs Node with --max-semi-space-size=32: a CPU profile (node --cpu-prof) shows 15-35 % of
 * the time in garbage collection, mostly young-generation scavenges copying the 100,000 live deliveries
 * and KVS entries; a larger young generation cuts the wall time by about a quarter (see the README).
 */
import { kvs } from '@forge/kvs';
import { Queue } from '@forge/events';
import { createEmulator } from '../src/index.js';

const argIndex = process.argv.indexOf('--events');
const total = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 100_000;
const big = 1e12;

const manifest = {
  app: { id: 'ari:cloud:ecosystem::app/bench-0000-4000-8000-000000000000' },
  modules: {
    consumer: [{ key: 'c', queue: 'bench', function: 'consume' }],
    function: [{ key: 'consume', handler: 'index.consume' }],
  },
};

let peakRss = 0;
let peakHeap = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 20);

const emu = createEmulator({
  seed: 7,
  attemptLogLimit: 1000,
  quotas: { kvsRequestsPerSecond: big, kvsReadUnitsPerMinute: big, kvsWriteUnitsPerMinute: big, pushEventsPerMinute: big, invocationsPerMinute: big },
});
const app = emu.defineApp({
  manifest,
  modules: {
    index: {
      consume: async (event: { body: { i: number } }) => {
        await kvs.set(`k${event.body.i}`, event.body.i);
      },
    },
  },
});
const inst = emu.install(app);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const queue = new Queue({ key: 'bench' });
await inst.run(async () => {
  for (let i = 0; i < total; i += 50) {
    const events = [];
    for (let j = i; j < Math.min(total, i + 50); j++) events.push({ body: { i: j } });
    await queue.push(events);
  }
});
const tPush = performance.now();
sample();
const pushPeakRss = peakRss;
await emu.runUntilIdle({ maxWallMs: 600_000 });
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
sample();
clearInterval(sampler);

const m = emu.metrics();
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
console.log(`events:            ${total}`);
console.log(`delivered:         ${m.eventsDelivered} (keys stored: ${inst.kvs.entries().length})`);
console.log(`push phase:        ${(tPush - t0).toFixed(0)} ms (peak RSS so far ${mb(pushPeakRss)})`);
console.log(`wall time:         ${(t1 - t0).toFixed(0)} ms`);
console.log(`cpu time:          ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (user + system, all threads: the figure a busy machine does not inflate)`);
console.log(`per event:         ${(((t1 - t0) * 1000) / total).toFixed(1)} µs`);
console.log(`peak RSS:          ${mb(peakRss)}`);
console.log(`peak heap used:    ${mb(peakHeap)}`);
console.log(`virtual time:      ${m.virtualMs} ms; invocations ${m.invocations}; kvs requests ${m.kvsRequests}`);
emu.dispose();
