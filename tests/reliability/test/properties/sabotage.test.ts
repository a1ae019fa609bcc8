import { kvs } from '@forge/kvs';
import { describe, expect, test } from 'vitest';
import { quietPlan } from '../../src/gen/faults.js';
import { VALUE_PLACEHOLDER, type History } from '../../src/gen/history.js';
import { captureConsole, linesContaining } from '../../src/run/console.js';
import { type ConsumerFactory, runHistory } from '../../src/run/runHistory.js';
import { VALUE_MARKER_PREFIX } from '../../src/run/values.js';
import { violations } from '../../src/run/verdict.js';

/** The checks must be able to fail: broken consumers in place of the library's must be caught. */
const history: History = {
  installations: 2,
  ordered: true,
  direct: false,
  versionEntity: true,
  faults: quietPlan(3),
  steps: [
    { installation: 0, gapMs: 5, size: 'tiny', calls: [{ kind: 'set', key: 'a', value: VALUE_PLACEHOLDER }] },
    { installation: 1, gapMs: 5, size: 'tiny', calls: [{ kind: 'setMany', entries: [['b:1', VALUE_PLACEHOLDER]] }] },
    { installation: 0, gapMs: 5, size: 'tiny', calls: [{ kind: 'set', key: 'a', value: VALUE_PLACEHOLDER }] },
  ],
};

const acknowledgesEverything: ConsumerFactory = () => () => Promise.resolve(undefined);

const logsEverything: ConsumerFactory = () => (event) => {
  console.info('consumer got', JSON.stringify(event));
  return Promise.resolve(undefined);
};

/** Reads the same key three times at the same instant however the first read is answered. */
const hammersAfter429: ConsumerFactory = () => async () => {
  for (let i = 0; i < 3; i++) await kvs.get('a').catch(() => undefined);
  return undefined;
};
const stormy: History = { ...history, faults: { ...quietPlan(3), storms: [{ startMs: 0, durationMs: 10 * 60_000 }] } };

describe('the history checks catch broken consumers', () => {
  test('a consumer that keeps calling KVS at the instant of a 429 is caught, with the quota that refused', async () => {
    const problems = violations(await runHistory(stormy, { consumer: hammersAfter429 }));
    expect(problems.filter((p) => p.endsWith('(storm) kept calling at the same instant after a 429')).length).toBeGreaterThan(0);
  });

  test('the library consumer keeps this history clean', async () => {
    expect(violations(await runHistory(history))).toEqual([]);
  });

  test('a consumer that drops every event loses the writes', async () => {
    const problems = violations(await runHistory(history, { consumer: acknowledgesEverything }));
    expect(problems.filter((p) => p.startsWith('after drain: lost write'))).toHaveLength(2);
  });

  test('a consumer that logs event bodies is caught printing values', async () => {
    const capture = captureConsole();
    try {
      await runHistory(history, { consumer: logsEverything, tag: 'leak' });
    } finally {
      capture.restore();
    }
    expect(linesContaining(capture.lines, VALUE_MARKER_PREFIX).length).toBeGreaterThan(0);
  });
});
