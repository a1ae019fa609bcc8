import { expect, test } from 'vitest';
import { pacing } from './pacing.js';
import { ownPaceRegistry } from './registry.js';

test('after a push refusal others caused, the next window takes a full window of pushes again', () => {
  let t = 0;
  const pace = pacing(ownPaceRegistry(), 'install-1', () => t);
  const pushes = pace.pushes(0);
  pushes.pushed(10);
  t = 20_000;
  pushes.refused();
  expect(pushes.waitMs(1, 0)).toBeUndefined(); // spent until the window reopens
  t = 81_000;
  // 400 of the published 500: a limit halved by the refusal would defer them.
  expect(pushes.waitMs(400, 0)).toBe(0);
});

test('version reads take the batch budget when allowed: concurrent deliveries never overdraw 45 a minute', () => {
  const pace = pacing(ownPaceRegistry(), 'install-1', () => 1_000);
  const allowed = Array.from({ length: 50 }, () => pace.batchReads.allow()).filter(Boolean);
  expect(allowed).toHaveLength(45);
});

test('consumer writes: counted when they start, none while a 429 blocks the quota', () => {
  let t = 0;
  const pace = pacing(ownPaceRegistry(), 'install-1', () => t);
  expect(pace.consumerWrites.take(3)).toBe(true);
  pace.consumerWrites.refused();
  expect(pace.consumerWrites.wouldTake()).toBe(false);
  expect(pace.consumerWrites.take(1)).toBe(false);
  t = 1_500;
  expect(pace.consumerWrites.take(1)).toBe(true);
});
