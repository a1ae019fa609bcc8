import { describe, expect, test } from 'vitest';
import { captureConsole } from '../../src/run/console.js';
import { QUEUE } from '../../src/run/library.js';
import { createWorld } from '../support/world.js';

const MARKER = 'QSVAL-malformed-secret';
/** A well-formed stamp (fixed-width base36 hybrid logical clock) so only the tested field is wrong. */
const stamp = '000000001' + '0000' + 'abcdefgh';
const good = (ops: unknown[]): Record<string, unknown> => ({ qs: 1, id: 'evt-1', at: 1, ops });

/** Bodies the real @forge/events client can push (non-array objects). */
const pushed: Array<[string, Record<string, unknown>]> = [
  ['an empty object', {}],
  ['unknown format version 2', { ...good([{ k: 'a', s: stamp, v: { m: MARKER } }]), qs: 2 }],
  ['format version as a string', { ...good([{ k: 'a', s: stamp, v: { m: MARKER } }]), qs: '1' }],
  ['missing id', { qs: 1, at: 1, ops: [{ k: 'a', s: stamp, v: { m: MARKER } }] }],
  ['missing at', { qs: 1, id: 'e', ops: [{ k: 'a', s: stamp, v: { m: MARKER } }] }],
  ['missing ops', { qs: 1, id: 'e', at: 1 }],
  ['ops not an array', { qs: 1, id: 'e', at: 1, ops: { k: 'a' } }],
  ['an operation without a stamp', good([{ k: 'a', v: { m: MARKER } }])],
  ['an operation with an invalid key', good([{ k: 'bad/key', s: stamp, v: { m: MARKER } }])],
  ['an operation with a null value', good([{ k: 'a', s: stamp, v: null }])],
  ['an operation with neither value nor delete', good([{ k: 'a', s: stamp }])],
  ['an operation that is a string', good(['set a 1'])],
  ["the original guide's body (another library)", { issueKey: 'PROJ-1', value: MARKER }],
  ['a job from another queue library', { name: 'sync', data: { key: 'a', value: MARKER }, opts: { attempts: 3 } }],
];

const invoked: Array<[string, unknown]> = [
  ['a string body', { body: `set a ${MARKER}`, jobId: 'j1', eventId: 'e1', queueName: QUEUE }],
  ['a null body', { body: null, jobId: 'j1', eventId: 'e1', queueName: QUEUE }],
  ['an array body', { body: [{ k: 'a', v: MARKER }], jobId: 'j1', eventId: 'e1', queueName: QUEUE }],
  ['no body at all', { jobId: 'j1', eventId: 'e1', queueName: QUEUE }],
  ['a number as the event', 42],
];

describe('malformed or foreign events pushed onto the queue become dead letters with a reason', () => {
  test.each(pushed)('%s', async (_name, body) => {
    const world = createWorld();
    const capture = captureConsole();
    try {
      await world.pushRaw(body);
      await world.drain();
    } finally {
      capture.restore();
    }
    const dead = await world.deadLetters();
    expect(dead.length).toBeGreaterThanOrEqual(1);
    for (const d of dead) expect(d.reason.trim()).not.toBe('');
    // Never a crash: no attempt ended in a thrown error or a timeout, and nothing was dropped.
    const { log, dropped } = world.emulator.inspect();
    expect(log.filter((e) => e.kind === 'consumer' && (e.outcome === 'error' || e.outcome === 'timeout'))).toEqual([]);
    expect(dropped).toEqual([]);
    expect(world.installation.kvs.get('a')).toBeUndefined();
    expect(capture.lines.filter((l) => l.includes(MARKER))).toEqual([]);
  });
});

describe('events the client cannot push, delivered straight to the consumer, become dead letters', () => {
  test.each(invoked)('%s', async (_name, event) => {
    const world = createWorld();
    const capture = captureConsole();
    let outcome: unknown;
    try {
      outcome = await world.invokeConsumer(event);
    } finally {
      capture.restore();
    }
    expect(outcome).not.toBeInstanceOf(Error);
    const dead = await world.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.reason.trim()).not.toBe('');
    expect(capture.lines.filter((l) => l.includes(MARKER))).toEqual([]);
  });
});

describe('a valid event with a bad retry context is still applied', () => {
  const body = good([{ k: 'a', s: stamp, v: { n: 1 } }]);
  test.each([
    ['oversized retryData (8 KB)', { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { junk: 'x'.repeat(8192) } }],
    ['retryData from another library', { retryCount: 2, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { issueKey: 'PROJ-1' } }],
    ['retryData a string', { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: 'oops' }],
    ['negative retryCount', { retryCount: -3, retryReason: 'x', retryData: { qs: 1, attempts: -1 } }],
    ['retryContext not an object', 'retry!'],
  ])('%s', async (_name, retryContext) => {
    const world = createWorld();
    await world.invokeConsumer({ body, jobId: 'j1', eventId: 'e1', queueName: QUEUE, retryContext });
    await world.drain();
    expect(world.installation.kvs.get('a')).toEqual({ n: 1 });
    expect(await world.deadLetters()).toEqual([]);
  });
});

test('valid operations of an event are applied and only the invalid one is dead-lettered', async () => {
  const world = createWorld();
  await world.pushRaw(good([{ k: 'a', s: stamp, v: { ok: 1 } }, { k: 'bad/key', s: stamp, v: { m: MARKER } }]));
  await world.drain();
  expect(world.installation.kvs.get('a')).toEqual({ ok: 1 });
  const dead = await world.deadLetters();
  expect(dead).toHaveLength(1);
  expect(dead[0]?.reason).not.toContain(MARKER);
});
