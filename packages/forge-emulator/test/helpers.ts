import { afterEach } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';

/** Custom entities the test manifests declare unless told otherwise (`app.storage.entities`). */
export const TEST_ENTITIES: object[] = [
  { name: 'versions', attributes: { version: { type: 'integer' } } },
  { name: 'things', attributes: { n: { type: 'integer' } } },
];

/** A manifest with one queue consumer per entry of `queues` (function `<queue>-fn`, handler `index.<queue>`). */
export function manifestFor(
  queues: string[],
  extra: { triggers?: Array<[string, string]>; timeoutSeconds?: Record<string, number>; entities?: object[] } = {},
): object {
  const fns = [...queues, ...(extra.triggers ?? []).map(([, fn]) => fn)];
  return {
    app: {
      id: 'ari:cloud:ecosystem::app/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      runtime: { name: 'nodejs22.x' },
      storage: { entities: extra.entities ?? TEST_ENTITIES },
    },
    permissions: { scopes: ['storage:app'] },
    modules: {
      consumer: queues.map((q) => ({ key: `${q}-consumer`, queue: q, function: `${q}-fn` })),
      trigger: (extra.triggers ?? []).map(([event, fn]) => ({ key: `${fn}-trigger`, function: `${fn}-fn`, events: [event] })),
      function: fns.map((f) => ({
        key: `${f}-fn`,
        handler: `index.${f}`,
        ...(extra.timeoutSeconds?.[f] === undefined ? {} : { timeoutSeconds: extra.timeoutSeconds[f] }),
      })),
    },
  };
}

/** Creates emulators that are disposed after each test. */
export function useEmulator(): (options?: EmulatorOptions) => Emulator {
  const made: Emulator[] = [];
  afterEach(() => {
    for (const e of made.splice(0)) e.dispose();
  });
  return (options) => {
    const e = createEmulator(options);
    made.push(e);
    return e;
  };
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<Error & { code?: string; name: string }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
}
