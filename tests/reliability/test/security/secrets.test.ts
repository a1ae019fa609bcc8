import { createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import { kvs } from '@forge/kvs';
import { createQueuedStorage } from '@forge-queue/queued-storage';
import { afterEach, describe, expect, test } from 'vitest';
import { manifestFor } from '../../src/run/emulator.js';
import { QUEUE, consumerHandler } from '../../src/run/library.js';

const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

const SECRET = 'QSVAL-secret-7c1d';

function world() {
  const emulator = createEmulator({ seed: 1, clock: 'virtual' });
  active.push(emulator);
  const app = emulator.defineApp({
    name: 'secrets',
    manifest: manifestFor(QUEUE),
    modules: { index: { storageConsumer: consumerHandler({ ordered: true }) } },
  });
  return { emulator, installation: emulator.install(app, { installationId: 'secrets' }) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * Secrets must never travel through the queue (event bodies are stored by the platform and reappear
 * in retries and dead letters). `setSecret` is refused unless the producer opts in with
 * `allowSecrets: true`; then the secret is written directly with kvs.setSecret and never queued.
 */
describe('setSecret without allowSecrets', () => {
  test.each<[string, (s: ReturnType<typeof createQueuedStorage>) => Promise<unknown>]>([
    ['storage.setSecret', (s) => s.setSecret('token', SECRET)],
    ['batch.setSecret', async (s) => s.batch().set('plain', 1).setSecret('token', SECRET).flush()],
  ])('%s is refused with QS_SECRET_NOT_QUEUED; nothing written, pushed or logged', async (_case, call) => {
    const { emulator, installation } = world();
    const error = await rejectionOf(installation.run(() => call(createQueuedStorage({ queue: QUEUE }))));
    expect(error).toMatchObject({ name: 'SecretsNotQueuedError', code: 'QS_SECRET_NOT_QUEUED', rule: 'secrets-not-queued', retryable: false });
    expect(String(error)).not.toContain(SECRET);
    expect(installation.metrics().eventsPushed).toBe(0);
    await emulator.runUntilIdle();
    expect(await installation.run(() => kvs.getSecret('token'))).toBeUndefined();
    expect(installation.kvs.entries()).toEqual([]);
  });
});

test('with allowSecrets: true the secret is written directly with kvs.setSecret and never queued', async () => {
  const { emulator, installation } = world();
  await installation.run(() => createQueuedStorage({ queue: QUEUE, allowSecrets: true, direct: false }).batch().set('plain', 1).setSecret('token', SECRET).flush());
  expect(installation.metrics().eventsPushed).toBe(1); // the plain write only
  await emulator.runUntilIdle();
  expect(await installation.run(() => kvs.getSecret('token'))).toBe(SECRET);
  expect(await installation.run(() => kvs.get('plain'))).toBe(1);
  expect(JSON.stringify(installation.kvs.entries())).not.toContain(SECRET);
});
