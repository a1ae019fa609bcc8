import { expect, test } from 'vitest';
import { createClock } from '../hlc.js';
import type { Operation } from '../operation.js';
import { seededRandom } from '../random.js';
import { createKnownVersions } from './known-versions.js';

const clock = createClock(() => 1_000, seededRandom(1));
const [s1, s2, s3] = [clock.stamp(1_000), clock.stamp(2_000), clock.stamp(3_000)] as [string, string, string];
const set = (k: string, s: string): Operation => ({ k, s, v: 1 });

test('a write not newer than one this instance wrote to the key is known stale; others and other installations are not', () => {
  const known = createKnownVersions();
  known.learn('i1', [set('hot', s2)], 10);
  const { fresh, stale } = known.split('i1', [set('hot', s1), set('hot', s2), set('hot', s3), set('other', s1)], 10);
  expect(stale).toBe(2);
  expect(fresh.map((op) => op.s)).toEqual([s3, s1]);
  expect(known.split('i2', [set('hot', s1)], 10).stale).toBe(0);
});

test('learning an older version never lowers what is known', () => {
  const known = createKnownVersions();
  known.learn('i1', [set('hot', s3)], 10);
  known.learn('i1', [set('hot', s1)], 10);
  expect(known.split('i1', [set('hot', s2)], 10).stale).toBe(1);
});

test('a clock that went back (a fresh store under a reused module) forgets what was known', () => {
  const known = createKnownVersions();
  known.learn('i1', [set('hot', s3)], 60_000);
  expect(known.split('i1', [set('hot', s1)], 60_000).stale).toBe(1);
  expect(known.split('i1', [set('hot', s1)], 1_000).stale).toBe(0);
});
