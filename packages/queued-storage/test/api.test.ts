import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, test } from 'vitest';
import * as api from '../src/index.js';
import * as testing from '../src/testing.js';
import type { ConsumerOutcome, DeadLetter, Receipt } from '../src/index.js';

/** The runtime exports of the package: changing this list is a decision (and a changeset). */
const EXPORTS = [
  'DeadLetterNotFoundError',
  'DeadLetterWriteError',
  'DirectWriteFailedError',
  'InvalidArgumentError',
  'InvalidKeyError',
  'InvalidValueError',
  'MANIFEST_STORAGE_SNIPPET',
  'MalformedEventError',
  'NotReplayableError',
  'PushFailedError',
  'PushQuotaSpentError',
  'QueuedStorageError',
  'SecretWriteFailedError',
  'SecretsNotQueuedError',
  'VERSION_ENTITY_DECLARATION',
  'createConsumer',
  'createPaceRegistry',
  'createQueuedStorage',
  'createResolverConsumer',
  'deadLetters',
  'forgeKvs',
  'forgeQueue',
  'forgeQueueFactory',
  'memoryKvs',
  'memoryQueue',
];

describe('public API', () => {
  test('exports exactly the pinned names', () => {
    expect(Object.keys(api).sort()).toEqual([...EXPORTS].sort());
    expect(Object.keys(testing)).toEqual(['seededRandom']);
  });

  test('the README API section names every runtime export and no removed one', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## API'), readme.indexOf('## Guarantees'));
    for (const name of EXPORTS) expect(section).toContain(name);
    for (const removed of ['validateKey', 'backoffDelayMs', 'classifyFailure', 'FORMAT_VERSION', 'DEFAULT_QUEUE', 'utf8Bytes']) {
      expect(section).not.toContain(`\`${removed}\``);
    }
  });

  test('the package exports map has the main entry and ./testing', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './package.json']);
  });

  test('values', () => {
    expect(api.VERSION_ENTITY_DECLARATION).toEqual({ name: 'qs-version', attributes: { v: { type: 'string' } } });
    expect(api.MANIFEST_STORAGE_SNIPPET).toContain('- name: qs-version');
    expect(testing.seededRandom(1)()).toBe(testing.seededRandom(1)());
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
    expectTypeOf<string>().not.toExtend<api.Keys>();
    expect(storage).toBeDefined();
  });

  test.each([
    ['InvalidKeyError', 'QS_INVALID_KEY'],
    ['InvalidValueError', 'QS_INVALID_VALUE'],
    ['InvalidArgumentError', 'QS_INVALID_ARGUMENT'],
    ['PushFailedError', 'QS_PUSH_FAILED'],
    ['PushQuotaSpentError', 'QS_PUSH_FAILED'],
  ])('%s has code %s', (name, code) => {
    const error =
      name === 'InvalidKeyError' ? new api.InvalidKeyError('pattern', 'x')
      : name === 'InvalidValueError' ? new api.InvalidValueError('null', 'x')
      : name === 'InvalidArgumentError' ? new api.InvalidArgumentError('invalid-limit', 'x')
      : name === 'PushQuotaSpentError' ? new api.PushQuotaSpentError(1, 60_000)
      : new api.PushFailedError('x', 1);
    expect(error).toMatchObject({ name, code });
    expect(error).toBeInstanceOf(api.QueuedStorageError);
  });
});
