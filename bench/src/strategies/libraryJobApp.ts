import type { EmulatedAppDefinition } from './appDefinition.js';
import { jobWrites } from './jobWrites.js';
import { loadLibrary } from './libraryPort.js';
import { manifest } from './manifest.js';
import type { JobPayload, ProducerHooks } from './producerHooks.js';

export const LIBRARY_QUEUE = 'storage-queue';

/**
 * A small app wired to the library exactly like apps/jira-app: a `storage-consumer` function
 * exporting `createConsumer()`, and a job function (think scheduled trigger) that hands all its
 * writes to one `storage.batch()` and flushes it.
 */
export async function libraryJobApp(hooks: ProducerHooks): Promise<EmulatedAppDefinition> {
  const library = await loadLibrary();
  const storage = library.createQueuedStorage({ queue: LIBRARY_QUEUE });
  return {
    name: 'library-jobs',
    manifest: manifest({
      uuid: '11b00000-0000-4000-8000-000000000002',
      triggers: [],
      consumers: [{ key: 'storage-consumer-module', queue: LIBRARY_QUEUE, function: 'storage-consumer' }],
      functions: [
        { key: 'storage-consumer', handler: 'index.storageConsumer' },
        { key: 'job', handler: 'index.job', timeoutSeconds: 900 },
      ],
      scopes: ['storage:app'],
      entities: [library.VERSION_ENTITY_DECLARATION],
    }),
    modules: {
      index: {
        storageConsumer: library.createConsumer(),
        job: async (payload: JobPayload) => {
          const batch = storage.batch();
          for (const [key, value] of jobWrites(payload)) {
            hooks.onWrite(key, value);
            batch.set(key, value);
          }
          await batch.flush();
          return true;
        },
      },
    },
  };
}
