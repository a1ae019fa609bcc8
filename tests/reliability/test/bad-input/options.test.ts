import { createConsumer, createQueuedStorage, createResolverConsumer, deadLetters } from '@forge-queue/queued-storage';
import { describe, expect, test } from 'vitest';

/** Wrong option values shared by every factory (the common options). */
const common: Array<[string, unknown]> = [
  ['options null', null],
  ['options a string', 'storage-queue'],
  ['queue empty', { queue: '' }],
  ['queue with a space', { queue: 'storage queue' }],
  ['queue of 37 characters', { queue: 'q'.repeat(37) }],
  ['queue a number', { queue: 42 }],
  ['ordered a string', { ordered: 'yes' }],
  ['random not a function', { random: 0.5 }],
  ['now not a function', { now: 1_700_000_000_000 }],
  ['versionTtl zero days', { versionTtl: { value: 0, unit: 'DAYS' } }],
  ['versionTtl over a year', { versionTtl: { value: 367, unit: 'DAYS' } }],
];

const producerOnly: Array<[string, unknown]> = [
  ['maxOperationsPerEvent 0', { maxOperationsPerEvent: 0 }],
  ['maxOperationsPerEvent fractional', { maxOperationsPerEvent: 1.5 }],
  ['delayInSeconds 901', { delayInSeconds: 901 }],
  ['delayInSeconds negative', { delayInSeconds: -1 }],
  ['direct a string', { direct: 'yes' }],
  ['direct.maxCalls 0', { direct: { maxCalls: 0 } }],
  ['longRunningConsumer a number', { longRunningConsumer: 1 }],
  ['pushBackoff negative base', { pushBackoff: { baseMs: -1 } }],
  ['reserveMs NaN', { reserveMs: NaN }],
];

const factories: Array<[string, (options: unknown) => unknown]> = [
  ['createQueuedStorage', (o) => createQueuedStorage(o as never)],
  ['createConsumer', (o) => createConsumer(o as never)],
  ['createResolverConsumer', (o) => createResolverConsumer({ method: 'apply-writes', ...(o as object) })],
  ['deadLetters', (o) => deadLetters(o as never)],
];

describe.each(factories)('%s rejects wrong option values with a TypeError at construction', (_name, make) => {
  test.each(common.filter(([name]) => !(_name === 'createResolverConsumer' && name.startsWith('options'))))(
    '%s',
    (_case, options) => {
      expect(() => make(options)).toThrow(TypeError);
    },
  );
});

describe('createQueuedStorage-only options', () => {
  test.each(producerOnly)('%s', (_case, options) => {
    expect(() => createQueuedStorage(options as never)).toThrow(TypeError);
  });
});

test('the TypeError names the option it rejects', () => {
  expect(() => createQueuedStorage({ queue: 'bad queue' })).toThrow(/queue/);
});

describe.each(factories)('%s rejects unknown option names with a TypeError naming them', (_name, make) => {
  test.each([
    ['orderd', /unknown option "orderd" \(did you mean "ordered"\?\)/],
    ['queueName', /unknown option "queueName"/],
  ])('%s', (option, message) => {
    expect(() => make({ [option]: true })).toThrow(TypeError);
    expect(() => make({ [option]: true })).toThrow(message);
  });
});
