import { inspect } from 'node:util';
import { createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import { createQueuedStorage, deadLetters } from '@forge-queue/queued-storage';
import { Queue } from '@forge/events';
import { afterEach, describe, expect, test } from 'vitest';
import { captureConsole, linesContaining } from '../../src/run/console.js';
import { manifestFor } from '../../src/run/emulator.js';
import { QUEUE, consumerHandler } from '../../src/run/library.js';

const SECRET = 'QSVAL-secret-marker';
const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

/** A throttled world: every KVS call answers 429 for 20 minutes and pushes are scarce. */
function throttledWorld() {
  const emulator = createEmulator({
    seed: 5,
    clock: 'virtual',
    quotas: { pushEventsPerMinute: 2 },
    faults: { kvs429Storms: [{ fromMs: 0, toMs: Date.UTC(2026, 0, 1) + 20 * 60_000 }], duplicateRate: 0.3, timeoutRate: 0.1 },
  });
  active.push(emulator);
  const storageConsumer = consumerHandler({ ordered: true });
  const app = emulator.defineApp({ name: 'logs', manifest: manifestFor(QUEUE), modules: { index: { storageConsumer } } });
  return { emulator, installation: emulator.install(app, { installationId: 'logs' }) };
}

describe('nothing the library prints or throws contains a stored value', () => {
  test('producer errors, consumer logs, retries, re-drives and dead letters', async () => {
    const { emulator, installation } = throttledWorld();
    const errors: unknown[] = [];
    const capture = captureConsole();
    try {
      // A foreign event first (while the push quota lasts): it becomes a dead letter.
      await installation.run(() => new Queue({ key: QUEUE }).push({ body: { issueKey: 'X-1', value: SECRET } }));
      for (let i = 0; i < 8; i += 1) {
        await installation
          .run(() =>
            createQueuedStorage({ queue: QUEUE }).setMany(
              Array.from({ length: 60 }, (_, k) => [`k${i}-${k}`, { secret: `${SECRET}-${i}-${k}` }] as const),
            ),
          )
          .catch((error: unknown) => errors.push(error));
      }
      await emulator.runUntilIdle({ maxVirtualMs: 7 * 24 * 3_600_000 });
    } finally {
      capture.restore();
    }
    expect(capture.lines.length).toBeGreaterThan(0);
    expect(linesContaining(capture.lines, SECRET)).toEqual([]);
    for (const error of errors) expect(inspect(error, { depth: 8 })).not.toContain(SECRET);
    const dead = await installation.run(() => deadLetters({ queue: QUEUE }).list({ limit: 100 }));
    for (const d of dead.items) expect(`${d.reason} ${d.detail} ${d.lastError}`).not.toContain(SECRET);
  });

  test('invalid-value errors describe the value without printing it', async () => {
    const { installation } = throttledWorld();
    const error = await installation
      .run(() => createQueuedStorage({ queue: QUEUE }).set('k', { a: SECRET, n: NaN }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'QS_INVALID_VALUE' });
    expect(inspect(error, { depth: 8 })).not.toContain(SECRET);
  });

  test('dead-letter listings leave values out unless asked (values: true)', async () => {
    const { emulator, installation } = throttledWorld();
    const capture = captureConsole();
    try {
      await installation.run(() => new Queue({ key: QUEUE }).push({ body: { issueKey: 'X-1', value: SECRET } }));
      await emulator.runUntilIdle({ maxVirtualMs: 24 * 3_600_000 });
    } finally {
      capture.restore();
    }
    const listed = await installation.run(() => deadLetters({ queue: QUEUE }).list());
    expect(listed.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    const asked = await installation.run(() => deadLetters({ queue: QUEUE }).list({ values: true }));
    expect(JSON.stringify(asked)).toContain(SECRET);
  });
});
