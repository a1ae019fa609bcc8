import { createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import { Queue } from '@forge/events';
import { afterEach, expect, test } from 'vitest';
import { captureConsole } from '../../src/run/console.js';
import { manifestFor } from '../../src/run/emulator.js';
import { QUEUE, consumerHandler, listDeadLetters } from '../../src/run/library.js';

const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

/**
 * A malformed or foreign event that arrives while KVS answers 429 cannot be dead-lettered at once
 * (the dead-letter write is throttled too). It must still end as a dead letter, never be dropped by
 * the platform at its retry cap. (An earlier library build dropped it; kept as a regression test.)
 */
test('a foreign event delivered during a 20-minute 429 storm still becomes a dead letter', async () => {
  const storm = { fromMs: 0, toMs: Date.UTC(2026, 0, 1) + 20 * 60_000 };
  const emulator = createEmulator({ seed: 5, clock: 'virtual', faults: { kvs429Storms: [storm] } });
  active.push(emulator);
  const app = emulator.defineApp({
    name: 'gap',
    manifest: manifestFor(QUEUE),
    modules: { index: { storageConsumer: consumerHandler({ ordered: true }) } },
  });
  const installation = emulator.install(app, { installationId: 'gap' });
  const capture = captureConsole();
  try {
    await installation.run(() => new Queue({ key: QUEUE }).push({ body: { issueKey: 'PROJ-1' } }));
    await emulator.runUntilIdle({ maxVirtualMs: 24 * 3_600_000 });
  } finally {
    capture.restore();
  }
  expect(emulator.inspect().dropped).toEqual([]);
  expect(await installation.run(() => listDeadLetters(installation.id))).toHaveLength(1);
});
