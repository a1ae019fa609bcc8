import { describe, expect, test } from 'vitest';
import { pacing } from './pacing.js';
import { createPaceRegistry, ownPaceRegistry, resolvePacing } from './registry.js';

const fail = (message: string): never => {
  throw new TypeError(message);
};

/** A producer's and a consumer's pacing hooks of one runtime, on one registry or on their own. */
function pair(shared: boolean) {
  let t = 0;
  const shared1 = createPaceRegistry();
  const producer = pacing(shared ? shared1 : ownPaceRegistry(), 'install-1', () => t);
  const consumer = pacing(shared ? shared1 : ownPaceRegistry(), 'install-1', () => t);
  return { producer, consumer, at: (ms: number) => { t = ms; } };
}

describe('a shared pace registry (createPaceRegistry)', () => {
  test("the consumer's spends count against the producer's room, and the reverse", () => {
    const { producer, consumer } = pair(true);
    expect(consumer.consumerWrites.take(3_990)).toBe(true);
    expect(producer.writeRoom(10)).toBe(true);
    expect(producer.writeRoom(11)).toBe(false);
    for (let i = 0; i < 10; i++) producer.onPacedWritten();
    // 4,000 spent between them: the consumer's retry waits for the first units to leave the window.
    expect(consumer.consumerWrites.reserveDelayMs(1)).toBe(60_000);
  });

  test('without it each side sees only its own spends (as before)', () => {
    const { producer, consumer } = pair(false);
    expect(consumer.consumerWrites.take(3_990)).toBe(true);
    expect(producer.writeRoom(11)).toBe(true);
  });

  test("a paced trigger's 429 blocks the consumer's calls too; a consumer's 429 blocks the trigger", () => {
    const a = pair(true);
    a.at(1_000);
    a.producer.onPacedWritten();
    a.at(3_000);
    a.producer.onPacedRefused(); // a quiet second: the window quota refused it; spent until 61 s
    expect(a.consumer.consumerWrites.wouldTake()).toBe(false);
    expect(a.consumer.consumerWrites.take(1)).toBe(false);
    a.at(61_001);
    expect(a.consumer.consumerWrites.take(1)).toBe(true);

    const b = pair(true);
    b.consumer.consumerWrites.take(5);
    b.consumer.consumerWrites.refused();
    expect(b.producer.writeRoom(1)).toBe(false);
    expect(b.producer.writeLimit()).toBe(b.consumer.writeLimit());
  });

  test('each records only its own calls: the shared window holds the sum, counted once', () => {
    const { producer, consumer, at } = pair(true);
    at(1_000);
    producer.onPacedWritten();
    consumer.consumerWrites.take(2);
    consumer.consumerWrites.accepted(2);
    producer.onWritten();
    expect(producer.writeEstimate().spent.reduce((n, s) => n + s.units, 0)).toBe(4);
    expect(consumer.writeEstimate().spent).toEqual(producer.writeEstimate().spent);
  });

  test('the option takes only a registry made by createPaceRegistry()', () => {
    const r = createPaceRegistry();
    expect(resolvePacing(r, fail)).toBe(r);
    expect(resolvePacing(undefined, fail).shared).toBe(false);
    expect(() => resolvePacing({}, fail)).toThrow(/option pacing must be a registry made by createPaceRegistry\(\)/);
    expect(() => resolvePacing(ownPaceRegistry(), fail)).toThrow(/createPaceRegistry/);
  });

  test('two registries never share: an app loaded fresh starts from the published limits', () => {
    const first = pacing(createPaceRegistry(), 'install-1', () => 0);
    first.consumerWrites.take(5);
    first.consumerWrites.refused();
    expect(pacing(createPaceRegistry(), 'install-1', () => 0).writeLimit()).toBe(4_000);
  });
});
