import { describe, expect, test } from 'vitest';
import { parseHistory } from '../../src/gen/history.js';
import { runAndJudge } from '../../src/run/judge.js';
import { REGRESSION_SEEDS } from './seeds.js';

describe('shrunk histories that broke a guarantee before a fix (issue 10 and after), each a bug class or a cause', () => {
  test.each(REGRESSION_SEEDS.map((r) => [`${r.class} (seed ${r.seed}, path ${r.path})`, r] as const))('%s', async (_name, r) => {
    const judged = await runAndJudge(parseHistory(r.history));
    expect(judged.problems).toEqual([]);
    expect(judged.report.consumerInvocations).toBeLessThanOrEqual(r.maxConsumerInvocations ?? Number.POSITIVE_INFINITY);
  });
});
