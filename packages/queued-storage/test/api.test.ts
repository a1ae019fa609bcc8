import { describe, expect, expectTypeOf, test } from 'vitest';
import * as api from '../src/index.js';
import type { ConsumerOutcome, DeadLetter, Receipt } from '../src/index.js';

describe('public API (CONTRACTS.md section 2)', () => {
  test('exports the contract names', () => {
    for (const name of ['createQueuedStorage', 'createConsumer', 'createResolverConsumer', 'deadLetters', 'seededRandom', 'validateKey', 'validateValue', 'backoffDelayMs']) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    }
    expect(api.VERSION_ENTITY_DECLARATION).toEqual({ name: 'qs-version', attributes: { v: { type: 'string' } } });
    expect(api.MANIFEST_STORAGE_SNIPPET).toContain('- name: qs-version');
    expect(api.DEFAULT_QUEUE).toBe('storage-queue');
  });

  test('signatures', () => {
    const storage = api.createQueuedStorage({ queue: 'storage-queue', kvs: api.memoryKvs(), queueFactory: () => api.memoryQueue() });
    expectTypeOf<Parameters<api.QueuedStorage['set']>>().toEqualTypeOf<[key: string, value: unknown, options?: api.SetOptions]>();
    expectTypeOf<ReturnType<api.QueuedStorage['set']>>().toEqualTypeOf<Promise<Receipt>>();
    expectTypeOf<ReturnType<api.Batch['flush']>>().toEqualTypeOf<Promise<Receipt>>();
    expectTypeOf<Receipt>().toEqualTypeOf<{ jobIds: string[]; events: number; pushes: number; direct: number; queued: number }>();
    expectTypeOf(api.createConsumer).returns.toEqualTypeOf<api.ConsumerHandler>();
    expectTypeOf<ConsumerOutcome['outcome']>().toEqualTypeOf<'ok' | 'retry' | 'redrive' | 'dead-letter' | 'malformed'>();
    expectTypeOf<DeadLetter['reason']>().toEqualTypeOf<api.DeadLetterReason>();
    expect(storage).toBeDefined();
  });

  test.each([
    ['InvalidKeyError', 'QS_INVALID_KEY'],
    ['InvalidValueError', 'QS_INVALID_VALUE'],
    ['PushFailedError', 'QS_PUSH_FAILED'],
  ])('%s has code %s', (name, code) => {
    const error = name === 'InvalidKeyError' ? new api.InvalidKeyError('pattern', 'x') : name === 'InvalidValueError' ? new api.InvalidValueError('null', 'x') : new api.PushFailedError('x', 1);
    expect(error).toMatchObject({ name, code });
    expect(error).toBeInstanceOf(api.QueuedStorageError);
  });
});
