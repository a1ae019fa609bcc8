#!/usr/bin/env node
/* global process, console -- a Node.js script */
// Prints cost figures of the library on the emulator (no assertions): the bulk import scenario
// (N triggers within 60 s, 2 writes each) under each mode. Run after `pnpm build`:
//   node scripts/measure.mjs [triggers=5000]
import { createEmulator } from '@forge-queue/forge-emulator';
import { createConsumer, createQueuedStorage, VERSION_ENTITY_DECLARATION } from '../dist/index.js';

const N = Number(process.argv[2] ?? 5000);

const manifest = {
  app: { id: 'ari:cloud:ecosystem::app/12345678-1234-4234-8234-123456789abc', runtime: { name: 'nodejs22.x' }, storage: { entities: [VERSION_ENTITY_DECLARATION] } },
  permissions: { scopes: ['storage:app', 'read:jira-work'] },
  modules: {
    trigger: [{ key: 'on-issue', function: 'producer', events: ['avi:jira:created:issue'] }],
    consumer: [{ key: 'storage-consumer', queue: 'storage-queue', function: 'consumer' }],
    function: [{ key: 'producer', handler: 'index.onIssue' }, { key: 'consumer', handler: 'index.storageConsumer' }],
  },
};

async function scenario(name, producerOptions, consumerOptions) {
  const emu = createEmulator({ seed: 1 });
  const storage = createQueuedStorage(producerOptions);
  const outcomes = { ok: 0, retry: 0, redrive: 0, 'dead-letter': 0, malformed: 0 };
  const app = emu.defineApp({
    manifest,
    modules: {
      index: {
        onIssue: async (event) => {
          const { key, fields } = event.issue;
          // `at`: order writes by the issue's creation time, so a retried trigger cannot win over a later issue.
          await storage.setMany({ [`issue:${key}`]: { key, summary: fields.summary, created: fields.created }, 'most-recent-issue-created': key }, { at: Date.parse(fields.created) });
        },
        storageConsumer: createConsumer({ log: false, onOutcome: (o) => void outcomes[o.outcome]++, ...consumerOptions }),
      },
    },
  });
  // One installation id per scenario keeps each scenario's KVS, queue and quotas apart.
  const inst = emu.install(app, { installationId: name.replace(/[^a-z]+/g, '-') });
  const start = emu.now();
  for (let i = 0; i < N; i++) {
    const key = `PROJ-${i + 1}`;
    const atMs = start + Math.floor((i * 60_000) / N);
    inst.fireProductEvent('avi:jira:created:issue', { issue: { id: String(10000 + i), key, fields: { summary: `Imported issue ${i + 1}`, created: new Date(atMs).toISOString() } } }, { atMs });
  }
  await emu.runUntilIdle();
  const m = emu.metrics();
  const entries = inst.kvs.entries().filter(([k]) => !k.startsWith('__qs:'));
  const issues = entries.filter(([k]) => k.startsWith('issue:')).length;
  const last = inst.kvs.get('most-recent-issue-created');
  const dead = inst.kvs.entries().filter(([k]) => k.startsWith('__qs:dl:')).length;
  emu.dispose();
  const writes = 2 * N;
  return {
    scenario: name,
    drainS: Math.round((m.virtualMs - 0) / 100) / 10,
    lostWrites: N - issues,
    staleFinal: last === `PROJ-${N}` ? 0 : 1,
    deadLetters: dead,
    pushes: m.pushes,
    events: m.eventsPushed,
    invocations: m.invocations,
    kvsRequests: m.kvsRequests,
    writeUnits: m.kvsWriteUnits,
    readUnits: m.kvsReadUnits,
    'writeUnits/write': (m.kvsWriteUnits / writes).toFixed(3),
    'pushes/write': (m.pushes / writes).toFixed(3),
    rateLimited: m.rateLimited,
    gbSeconds: Number(m.gbSeconds.toFixed(1)),
    consumer: `${outcomes.ok} ok/${outcomes.retry} retry/${outcomes.redrive} redrive`,
  };
}

const rows = [
  await scenario('ordered + direct (default)', {}, {}),
  await scenario('ordered, queue only', { direct: false }, {}),
  await scenario('unordered + direct', { ordered: false }, { ordered: false }),
  await scenario('unordered, queue only', { ordered: false, direct: false }, { ordered: false }),
];
console.log(`bulk import: ${N} triggers within 60 s, 2 writes each (${2 * N} writes), default emulator quotas`);
console.table(rows);
