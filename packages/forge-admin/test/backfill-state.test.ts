import { describe, expect, test } from 'vitest';
import { decidePage, decideStart, progressOf, STALL_MS, type BackfillState } from '../src/backfill-state.js';

const state = (over: Partial<BackfillState> = {}): BackfillState => ({
  runId: 'r1', status: 'running', by: 'a', startedAt: 0, updatedAt: 1000, seq: 3, pushedSeq: 3, token: 't3', pages: 3, items: 300, total: 1000, error: undefined, ...over,
});

describe('decidePage', () => {
  test.each<[string, BackfillState | undefined, { runId: string; seq: number }, string]>([
    ['the page the state waits for', state(), { runId: 'r1', seq: 3 }, 'fetch'],
    ['no state', undefined, { runId: 'r1', seq: 0 }, 'skip'],
    ['another run', state(), { runId: 'r0', seq: 3 }, 'skip'],
    ['a cancelled run', state({ status: 'cancelled' }), { runId: 'r1', seq: 3 }, 'skip'],
    ['a finished run', state({ status: 'done' }), { runId: 'r1', seq: 3 }, 'skip'],
    ['a duplicate of a page already written and followed', state(), { runId: 'r1', seq: 2 }, 'skip'],
    ['a retry of a page written whose next event was not pushed', state({ pushedSeq: 2 }), { runId: 'r1', seq: 2 }, 'push-next'],
    ['an older duplicate', state({ pushedSeq: 2 }), { runId: 'r1', seq: 1 }, 'skip'],
  ])('%s', (_name, s, event, expected) => {
    expect(decidePage(s, { ...event, token: undefined }).do).toBe(expected);
  });
});

describe('decideStart', () => {
  test.each<[string, BackfillState | undefined, string]>([
    ['never run', undefined, 'new'],
    ['done', state({ status: 'done' }), 'new'],
    ['cancelled', state({ status: 'cancelled' }), 'new'],
    ['failed', state({ status: 'failed' }), 'resume'],
    ['running, recently moved', state({ updatedAt: 1000 }), 'refuse'],
    ['running, stalled', state({ updatedAt: 1000 - STALL_MS }), 'resume'],
  ])('%s', (_name, s, expected) => {
    expect(decideStart(s, 1000).do).toBe(expected);
  });
});

test('progress: items over total, 100 % once done, unknown without a total', () => {
  expect(progressOf(state())).toBe(0.3);
  expect(progressOf(state({ status: 'done', total: undefined }))).toBe(1);
  expect(progressOf(state({ total: undefined }))).toBeUndefined();
  expect(progressOf(undefined)).toBeUndefined();
});
