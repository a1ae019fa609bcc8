import { createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import { createQueuedStorage } from '@forge-queue/queued-storage';
import { afterEach, expect, test } from 'vitest';
import { manifestFor } from '../../src/run/emulator.js';
import { QUEUE, consumerHandler } from '../../src/run/library.js';

const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

/**
 * Secrets must never travel through the queue (event bodies are stored by the platform for up to
 * 24 h and land in dead letters). The library has no secret API at all: queueing a secret is refused
 * because it is impossible, and there is no opt-in (reported as a gap: the brief asks for refusal
 * unless explicitly enabled).
 */
test('the producer offers no way to queue a secret', async () => {
  const emulator = createEmulator({ seed: 1, clock: 'virtual' });
  active.push(emulator);
  const app = emulator.defineApp({
    name: 'secrets',
    manifest: manifestFor(QUEUE),
    modules: { index: { storageConsumer: consumerHandler({ ordered: true }) } },
  });
  const installation = emulator.install(app, { installationId: 'secrets' });
  const storage = await installation.run(() => createQueuedStorage({ queue: QUEUE }));
  expect('setSecret' in storage).toBe(false);
  const batch = storage.batch();
  expect('setSecret' in batch).toBe(false);
  expect(installation.metrics().eventsPushed).toBe(0);
});
