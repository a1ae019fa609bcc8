import { expect, test } from 'vitest';
import type { Operation } from '../operation.js';
import { createRefusalMemory } from './refusals.js';

const ops = (stamp: string, value: number): Operation[] => [{ k: 'a', s: stamp, v: value }, { k: 'b', s: stamp, d: 1 }];

test('the same writes refused again count up whatever their stamps; settling forgets them', () => {
  const memory = createRefusalMemory();
  memory.refused(ops('s1', 1));
  memory.refused(ops('s2', 1));
  expect(memory.count(ops('s3', 1))).toBe(2);
  expect(memory.count(ops('s3', 2))).toBe(0);
  memory.settled(ops('s4', 1));
  expect(memory.count(ops('s1', 1))).toBe(0);
});
