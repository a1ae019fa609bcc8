import { describe, expect, test } from 'vitest';
import { parseHistory } from '../../src/gen/history.js';
import { runAndJudge } from '../../src/run/judge.js';
import { OPEN_SEEDS } from './seeds.js';

describe('open findings: shrunk histories that still break a guarantee', () => {
  // With none open the file still holds a test, so `test:open` reports "none" instead of "no tests".
  test.runIf(OPEN_SEEDS.length === 0)('none open: every shrunk finding is fixed and kept in test/regressions', () => {
    expect(OPEN_SEEDS).toHaveLength(0);
  });
  test.each(OPEN_SEEDS.map((r) => [`${r.class} (seed ${r.seed}, path ${r.path})`, r] as const))('%s', async (_name, r) => {
    expect((await runAndJudge(parseHistory(r.history))).problems).toEqual([]);
  });
});
