import { createEmulator, type Emulator, type Installation } from '@forge-queue/forge-emulator';
import { Queue } from '@forge/events';
import { afterEach } from 'vitest';
import { manifestFor } from '../../src/run/emulator.js';
import { QUEUE, consumerHandler, listDeadLetters } from '../../src/run/library.js';
import type { DeadLetterView } from '../../src/model/check.js';

export interface TestWorld {
  readonly emulator: Emulator;
  readonly installation: Installation;
  /** Runs producer code as one invocation of the installation (the real SDK clients work inside). */
  produce<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Pushes a raw event body onto the library's queue with the real @forge/events client. */
  pushRaw(body: object): Promise<void>;
  /** Delivers `event` straight to the consumer function, as the platform would invoke it. */
  invokeConsumer(event: unknown): Promise<unknown>;
  deadLetters(): Promise<DeadLetterView[]>;
  drain(): Promise<void>;
}

const active: Emulator[] = [];
afterEach(() => {
  for (const e of active.splice(0)) e.dispose();
});

/** A quiet emulator with one installation of an app whose consumer is the library's. */
export function createWorld(seed = 7): TestWorld {
  const emulator = createEmulator({ seed, clock: 'virtual' });
  active.push(emulator);
  const storageConsumer = consumerHandler({ ordered: true });
  const app = emulator.defineApp({ name: 'bad-input', manifest: manifestFor(QUEUE), modules: { index: { storageConsumer } } });
  const installation = emulator.install(app, { installationId: 'bad-input-installation' });
  return {
    emulator,
    installation,
    produce: (fn) => installation.run(fn),
    pushRaw: async (body) => {
      await installation.run(() => new Queue({ key: QUEUE }).push({ body: body as Record<string, unknown> }));
    },
    invokeConsumer: (event) => installation.invoke('storage-consumer', event),
    deadLetters: () => installation.run(() => listDeadLetters(installation.id)),
    drain: () => emulator.runUntilIdle({ maxVirtualMs: 7 * 24 * 3_600_000 }),
  };
}

/** The error a promise rejects with, or undefined when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}
