import { describe, expect, test } from 'vitest';
import {
  CHECKPOINT_MS, CHECKPOINT_PAGES, checkpointDue, decidePage, decideStart, handOffDue, HANDOFF_RESERVE_MS, isPageEvent, progressOf, STALL_MS, type BackfillState,
} from '../src/backfill-state.js';

const state = (over: Partial<BackfillState> = {}): BackfillState => ({
  runId: 'r1', status: 'running', by: 'a', startedAt: 0, updatedAt: 1000, seq: 3, pushedSeq: 3, token: 't3', pages: 3, items: 300, total: 1000, error: undefined, ...over,
});

describe('decidePage', () => {
  test.each<[string, BackfillState | undefined, { runId: string; seq: number }, string]>([
    ['the event pushed last', state(), { runId: 'r1', seq: 3 }, 'walk'],
    ['a retry of the event pushed last, after it saved progress (resumes from seq)', state({ seq: 7, pushedSeq: 3 }), { runId: 'r1', seq: 3 }, 'walk'],
    ['no state', undefined, { runId: 'r1', seq: 0 }, 'skip'],
    ['another run', state(), { runId: 'r0', seq: 3 }, 'skip'],
    ['a cancelled run', state({ status: 'cancelled' }), { runId: 'r1', seq: 3 }, 'skip'],
    ['a finished run', state({ status: 'done' }), { runId: 'r1', seq: 3 }, 'skip'],
    ['an older event, handed off since', state({ seq: 9, pushedSeq: 9 }), { runId: 'r1', seq: 3 }, 'skip'],
    ['a continuation pushed while the state still names its predecessor', state({ seq: 9, pushedSeq: 3 }), { runId: 'r1', seq: 9 }, 'skip'],
  ])('%s', (_name, s, event, expected) => {
    expect(decidePage(s, { ...event, token: undefined }).do).toBe(expected);
  });
});

describe('isPageEvent', () => {
  test.each<[string, unknown, boolean]>([
    ['a first page', { runId: 'r1', seq: 0 }, true],
    ['a continuation', { runId: 'r1', seq: 40, token: 't40' }, true],
    ['a finisher', { runId: 'r1', seq: 0, done: { seq: 500, pages: 500, items: 50_000 } }, true],
    ['a finisher without counts', { runId: 'r1', seq: 0, done: { seq: 500 } }, false],
    ['a finisher with a negative count', { runId: 'r1', seq: 0, done: { seq: 500, pages: -1, items: 0 } }, false],
    ['a fractional seq', { runId: 'r1', seq: 1.5 }, false],
    ['a token that is not a string', { runId: 'r1', seq: 1, token: 7 }, false],
    ['null', null, false],
  ])('%s', (_name, body, expected) => {
    expect(isPageEvent(body)).toBe(expected);
  });
});

describe('checkpointDue (progress saved once per few pages)', () => {
  test.each<[string, number, number, boolean]>([
    ['nothing walked since the last save', 0, CHECKPOINT_MS * 10, false],
    ['a few pages, little time', CHECKPOINT_PAGES - 1, CHECKPOINT_MS - 1, false],
    ['enough pages', CHECKPOINT_PAGES, 0, true],
    ['one page, enough time (slow search)', 1, CHECKPOINT_MS, true],
  ])('%s', (_name, pages, ms, expected) => {
    expect(checkpointDue(pages, ms)).toBe(expected);
  });
});

test('handOffDue: no page is started with less than the reserve, or twice the slowest page, left', () => {
  expect(handOffDue(HANDOFF_RESERVE_MS - 1, 0)).toBe(true);
  expect(handOffDue(HANDOFF_RESERVE_MS, 0)).toBe(false);
  expect(handOffDue(900_000, 1_000)).toBe(false);
  expect(handOffDue(119_999, 60_000)).toBe(true);
  expect(handOffDue(120_000, 60_000)).toBe(false);
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
