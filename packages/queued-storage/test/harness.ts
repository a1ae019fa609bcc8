import { createEmulator, type Emulator, type EmulatorOptions, type Installation } from '@forge-queue/forge-emulator';
import { afterEach } from 'vitest';
import {
  createConsumer,
  createQueuedStorage,
  createResolverConsumer,
  VERSION_ENTITY_DECLARATION,
  type ConsumerHandler,
  type ConsumerOptions,
  type ConsumerOutcome,
  type QueuedStorage,
  type QueuedStorageOptions,
  type Receipt,
} from '../src/index.js';
import { seededRandom } from '../src/testing.js';

/** A write a test trigger performs: [key, value] sets, [key, undefined] deletes. */
export type Write = [string, unknown];

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  producer?: QueuedStorageOptions;
  consumer?: ConsumerOptions;
  /** Which consumer form the manifest uses. Default 'modern'. */
  form?: 'modern' | 'resolver';
  /** Consumer function timeout (seconds). */
  timeoutSeconds?: number;
  /** Declare the `qs-version` entity in the manifest (ordered mode needs it). Default true. */
  versionEntity?: boolean;
  /** The trigger is wrapped by `storage.trigger()` (timed retries for a spent quota). Default false. */
  wrappedTrigger?: boolean;
  /** Wraps the modern consumer handler (e.g. to inject crashes on chosen deliveries). */
  wrapConsumer?: (handler: ConsumerHandler) => ConsumerHandler;
}

export interface Harness {
  emu: Emulator;
  inst: Installation;
  outcomes: ConsumerOutcome[];
  receipts: Receipt[];
  /** Fires one product event whose trigger writes `writes` through the library (one invocation). */
  fire(writes: Write[], atMs?: number): void;
  /** Runs producer code as one invocation. */
  produce(writes: Write[]): Promise<Receipt>;
  /** Runs `fn` with the harness's producer as one invocation. */
  withStorage<T>(fn: (storage: QueuedStorage) => Promise<T>): Promise<T>;
  /** Plain KVS entries except the library's own. */
  userEntries(): Record<string, unknown>;
  deadLetterEntries(): Array<[string, unknown]>;
}

const made: Emulator[] = [];
afterEach(() => {
  for (const e of made.splice(0)) e.dispose();
});

function manifest(form: 'modern' | 'resolver', timeoutSeconds: number | undefined, versionEntity: boolean): object {
  return {
    app: {
      id: 'ari:cloud:ecosystem::app/12345678-1234-4234-8234-123456789abc',
      runtime: { name: 'nodejs22.x' },
      ...(versionEntity ? { storage: { entities: [VERSION_ENTITY_DECLARATION] } } : {}),
    },
    permissions: { scopes: ['storage:app', 'read:jira-work'] },
    modules: {
      trigger: [{ key: 'on-issue', function: 'producer', events: ['avi:jira:created:issue'] }],
      consumer: [
        form === 'modern'
          ? { key: 'storage-consumer', queue: 'storage-queue', function: 'consumer' }
          : { key: 'storage-consumer', queue: 'storage-queue', resolver: { function: 'consumer', method: 'apply-writes' } },
      ],
      function: [
        { key: 'producer', handler: 'index.onIssue' },
        { key: 'consumer', handler: form === 'modern' ? 'index.storageConsumer' : 'index.storageResolver', ...(timeoutSeconds ? { timeoutSeconds } : {}) },
      ],
    },
  };
}

export async function writeAll(storage: ReturnType<typeof createQueuedStorage>, writes: Write[]): Promise<Receipt> {
  const batch = storage.batch();
  for (const [k, v] of writes) {
    if (v === undefined) batch.delete(k);
    else batch.set(k, v);
  }
  return batch.flush();
}

export function harness(options: HarnessOptions = {}): Harness {
  const emu = createEmulator({ seed: 1, ...options.emulator });
  made.push(emu);
  const outcomes: ConsumerOutcome[] = [];
  const receipts: Receipt[] = [];
  // Seeded library randomness too (jitter, ids, clock nodes): a run is a function of its seeds alone.
  const seed = options.emulator?.seed ?? 1;
  const storage = createQueuedStorage({ random: seededRandom(seed * 7 + 1), ...options.producer });
  const consumerOptions: ConsumerOptions = { log: false, random: seededRandom(seed * 7 + 2), onOutcome: (o) => void outcomes.push(o), ...options.consumer };
  const form = options.form ?? 'modern';
  const onIssue = async (event: unknown): Promise<void> => {
    const { writes } = event as { writes: Array<[string, unknown]> };
    receipts.push(await writeAll(storage, writes.map(([k, v]): Write => [k, v === null ? undefined : v])));
  };
  const app = emu.defineApp({
    manifest: manifest(form, options.timeoutSeconds, options.versionEntity ?? true),
    modules: {
      index: {
        onIssue: options.wrappedTrigger === true ? storage.trigger(onIssue) : onIssue,
        storageConsumer: (options.wrapConsumer ?? ((c: ConsumerHandler) => c))(createConsumer(consumerOptions)),
        storageResolver: createResolverConsumer({ method: 'apply-writes', ...consumerOptions }),
      },
    },
  });
  const inst = emu.install(app);
  return {
    emu,
    inst,
    outcomes,
    receipts,
    fire: (writes, atMs) => {
      // Product-event payloads are plain JSON: encode deletes as null.
      inst.fireProductEvent('avi:jira:created:issue', { writes: writes.map(([k, v]) => [k, v ?? null]) }, atMs === undefined ? undefined : { atMs });
    },
    produce: (writes) => inst.run(() => writeAll(storage, writes)),
    withStorage: (fn) => inst.run(() => fn(storage)),
    userEntries: () => Object.fromEntries(inst.kvs.entries().filter(([k]) => !k.startsWith('__qs:'))),
    deadLetterEntries: () => inst.kvs.entries().filter(([k]) => k.startsWith('__qs:dl:')),
  };
}
