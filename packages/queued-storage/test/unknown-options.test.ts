import { describe, expect, test } from 'vitest';
import { createConsumer, createQueuedStorage, createResolverConsumer, deadLetters } from '../src/index.js';
import { closestName, editDistance } from '../src/known-options.js';

const factories: Array<[string, (options: Record<string, unknown>) => unknown]> = [
  ['createQueuedStorage', (o) => createQueuedStorage(o)],
  ['createConsumer', (o) => createConsumer(o)],
  ['createResolverConsumer', (o) => createResolverConsumer(o)],
  ['deadLetters', (o) => deadLetters(o)],
];

/** [unknown option, the closest valid name the message should suggest (undefined: no suggestion)] */
const typos: Array<[string, string | undefined]> = [
  ['orderd', 'ordered'],
  ['Queue', 'queue'],
  ['randm', 'random'],
  ['somethingElseEntirely', undefined],
];

describe.each(factories)('%s', (factory, make) => {
  test.each(typos)('rejects the unknown option %j with a TypeError naming it (suggests %j)', (name, hint) => {
    let error: unknown;
    try {
      make({ [name]: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    const message = (error as TypeError).message;
    expect(message).toContain(factory);
    expect(message).toContain(`unknown option "${name}"`);
    expect(/did you mean "([^"]+)"\?/.exec(message)?.[1]).toBe(hint);
  });

  test('accepts its known options', () => {
    expect(() => make({ queue: 'q', ordered: false })).not.toThrow();
  });
});

test.each<[string, () => unknown, string]>([
  ['a producer-only option on the consumer', () => createConsumer({ direct: false } as never), 'direct'],
  ['a consumer-only option on the producer', () => createQueuedStorage({ maxRetries: 3 } as never), 'maxRetries'],
  ['a consumer-only option on deadLetters', () => deadLetters({ readFirst: true } as never), 'readFirst'],
  ['method on the modern consumer', () => createConsumer({ method: 'x' } as never), 'method'],
])('%s is unknown there', (_case, make, name) => {
  expect(make).toThrow(new RegExp(`unknown option "${name}"`));
});

test('createResolverConsumer knows method; its typo is caught', () => {
  expect(() => createResolverConsumer({ method: 'apply' })).not.toThrow();
  expect(() => createResolverConsumer({ methd: 'apply' } as never)).toThrow(/unknown option "methd" \(did you mean "method"\?\)/);
});

test.each([
  ['', '', 0],
  ['ordered', 'orderd', 1],
  ['queue', 'queue', 0],
  ['kitten', 'sitting', 3],
])('editDistance(%j, %j) = %i', (a, b, d) => {
  expect(editDistance(a, b)).toBe(d);
  expect(editDistance(b, a)).toBe(d);
});

test('closestName picks the nearest valid name, or none beyond distance 3', () => {
  expect(closestName('retentionMS', ['retentionMs', 'reserveMs'])).toBe('retentionMs');
  expect(closestName('zzzzzzzz', ['queue'])).toBeUndefined();
});
