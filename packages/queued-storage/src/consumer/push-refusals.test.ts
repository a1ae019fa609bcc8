import { describe, expect, test } from 'vitest';
import { memoryQueue } from '../adapters/memory.js';
import { createPushRefusals, notingRefusals, pushesScarce } from './push-refusals.js';

const MIN = 60_000;
const event = { body: { qs: 1 } };

describe('push refusals: re-drives are scarce while the push quota refuses them', () => {
  test.each<[string, number | undefined, number, boolean]>([
    ['never refused', undefined, 0, false],
    ['refused a minute ago, 10-minute window', 9 * MIN, 10 * MIN, true],
    ['refused just inside the window', 0, 10 * MIN - 1, true],
    ['refused a whole window ago', 0, 10 * MIN, false],
  ])('%s', (_name, lastAt, now, scarce) => {
    expect(pushesScarce(lastAt, now, 10 * MIN)).toBe(scarce);
  });

  test('a 429 is noted (per installation, the latest kept); a 5xx and an accepted push are not', async () => {
    const refusals = createPushRefusals();
    const queue = memoryQueue();
    let failure: Error | undefined;
    queue.fault = () => {
      if (failure !== undefined) throw failure;
      return undefined;
    };
    let now = 1_000;
    const port = notingRefusals(queue, () => { refusals.refused('i1', now); });
    await port.push([event]);
    expect(refusals.lastAt('i1')).toBeUndefined();
    failure = Object.assign(new Error('Internal server error'), { name: 'InternalServerError', status: 500 });
    await expect(port.push([event])).rejects.toThrow('Internal');
    expect(refusals.lastAt('i1')).toBeUndefined();
    failure = Object.assign(new Error('Too many requests.'), { name: 'RateLimitError' });
    await expect(port.push([event])).rejects.toThrow('Too many');
    expect(refusals.lastAt('i1')).toBe(1_000);
    now = 500;
    await expect(port.push([event])).rejects.toThrow('Too many');
    expect(refusals.lastAt('i1')).toBe(1_000);
    expect(refusals.lastAt('i2')).toBeUndefined();
  });
});
