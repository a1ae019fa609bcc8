import { kvs } from '@forge/kvs';
import { describe, expect, test } from 'vitest';
import { createQueuedStorage, type QueuedStorageOptions } from '../src/index.js';
import { harness } from './harness.js';

const SECRET = 'tok-9f2c-SECRET-VALUE';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Runs `fn` with a producer of `options` inside one invocation of a fresh installation. */
function inInvocation(options: QueuedStorageOptions, emulator?: Parameters<typeof harness>[0]) {
  const h = harness(emulator);
  const run = <T>(fn: (storage: ReturnType<typeof createQueuedStorage>) => Promise<T>) => h.inst.run(() => fn(createQueuedStorage(options)));
  return { h, run };
}

describe('setSecret is refused unless allowSecrets: true', () => {
  test.each<[string, (s: ReturnType<typeof createQueuedStorage>) => Promise<unknown>]>([
    ['storage.setSecret', (s) => s.setSecret('api-token', SECRET)],
    ['batch.setSecret', async (s) => s.batch().set('other', 1).setSecret('api-token', SECRET).flush()],
  ])('%s throws SecretsNotQueuedError; nothing is written or queued', async (_case, call) => {
    const { h, run } = inInvocation({});
    const error = await rejection(run(call));
    expect(error).toMatchObject({ name: 'SecretsNotQueuedError', code: 'QS_SECRET_NOT_QUEUED', rule: 'secrets-not-queued', key: 'api-token', retryable: false });
    expect((error as Error).message).toContain('allowSecrets');
    expect((error as Error).message).not.toContain(SECRET);
    expect(h.inst.metrics().eventsPushed).toBe(0);
    expect(h.inst.kvs.entries()).toEqual([]);
    expect(await h.inst.run(() => kvs.getSecret('api-token'))).toBeUndefined();
  });
});

describe('with allowSecrets: true', () => {
  test('storage.setSecret writes with the real kvs.setSecret, never queued nor stored as a plain key', async () => {
    const { h, run } = inInvocation({ allowSecrets: true });
    await run((s) => s.setSecret('api-token', { token: SECRET }));
    expect(await h.inst.run(() => kvs.getSecret('api-token'))).toEqual({ token: SECRET });
    expect(h.inst.metrics().eventsPushed).toBe(0);
    expect(JSON.stringify(h.inst.kvs.entries())).not.toContain(SECRET);
  });

  test('batch.setSecret writes the secret directly at flush; the other writes go their usual way', async () => {
    const { h, run } = inInvocation({ allowSecrets: true, direct: false });
    await run((s) => s.batch().set('plain', 1).setSecret('api-token', SECRET).flush());
    expect(await h.inst.run(() => kvs.getSecret('api-token'))).toBe(SECRET);
    expect(h.inst.metrics().eventsPushed).toBe(1);
    await h.emu.runUntilIdle();
    expect(h.userEntries()).toEqual({ plain: 1 });
    expect(JSON.stringify(h.inst.kvs.entries())).not.toContain(SECRET);
  });

  test('a throttled direct write throws a retryable SecretWriteFailedError and queues nothing', async () => {
    const probe = harness();
    const t0 = probe.emu.now();
    probe.emu.dispose();
    const { h, run } = inInvocation({ allowSecrets: true }, { emulator: { faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 60_000 }] } } });
    const error = await rejection(run((s) => s.batch().set('plain', 1).setSecret('api-token', SECRET).flush()));
    expect(error).toMatchObject({ name: 'SecretWriteFailedError', code: 'QS_SECRET_WRITE_FAILED', key: 'api-token', retryable: true });
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(SECRET);
    expect(h.inst.metrics().eventsPushed).toBe(0);
    await h.emu.advance(61_000); // past the storm, so the read is answered
    expect(await h.inst.run(() => kvs.getSecret('api-token'))).toBeUndefined();
    // The retried trigger succeeds once the quota is back.
    await run((s) => s.setSecret('api-token', SECRET));
    expect(await h.inst.run(() => kvs.getSecret('api-token'))).toBe(SECRET);
  });

  test('an invalid secret key is still rejected by the key rules', async () => {
    const { run } = inInvocation({ allowSecrets: true });
    expect(await rejection(run((s) => s.setSecret('bad/key', SECRET)))).toMatchObject({ code: 'QS_INVALID_KEY' });
  });
});

test.each([
  ['allowSecrets a string', { allowSecrets: 'yes' }],
])('%s is a TypeError at construction', (_case, options) => {
  expect(() => createQueuedStorage(options as never)).toThrow(TypeError);
});
