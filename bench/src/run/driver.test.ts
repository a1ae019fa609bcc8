import { expect, test } from 'vitest';
import { nextSampleAt } from './driver.js';

test.each([
  [0, 1000, 999],
  [999, 1000, 1999],
  [500, 1000, 999],
  [4999, 5000, 9999],
  [59_999, 5000, 64_999],
])('after %i ms with %i ms steps the next sample is at %i', (elapsed, step, at) => {
  expect(nextSampleAt(elapsed, step)).toBe(at);
});
