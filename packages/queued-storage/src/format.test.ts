import { describe, expect, test } from 'vitest';
import { FORMAT_VERSION, parseEventBody } from './format.js';

const s = '0000000000000abcdefgh';
const good = { qs: FORMAT_VERSION, id: 'e1', at: 1, ops: [{ k: 'a', s, v: 1 }, { k: 'b', s, d: 1 }] };

describe('parseEventBody', () => {
  test('reads a valid body', () => {
    const parsed = parseEventBody(good);
    expect(parsed).toEqual({ ok: true, body: good, invalid: [] });
  });

  test.each([
    ['a string', 'hello', 'not an object'],
    ['an array', [1], 'an array'],
    ['null', null, 'not an object'],
    ['another library', { issueKey: 'A-1' }, 'not a queued-storage event'],
    ['a future version', { ...good, qs: 2 }, 'unknown event format version 2'],
    ['no id', { ...good, id: undefined }, 'no valid `id`'],
    ['no time', { ...good, at: 'yesterday' }, 'no valid `at`'],
    ['no ops', { ...good, ops: 'x' }, 'no `ops` array'],
  ])('rejects %s with a reason', (_name, body, reason) => {
    const parsed = parseEventBody(body);
    expect(parsed.ok).toBe(false);
    expect(parsed).toHaveProperty('reason', expect.stringContaining(reason) as unknown);
  });

  test.each([
    ['bad key', { k: 'a/b', s, v: 1 }, 'characters outside'],
    ['null value', { k: 'a', s, v: null }, 'null'],
    ['no stamp', { k: 'a', v: 1 }, 'stamp'],
    ['no value', { k: 'a', s }, 'neither'],
    ['bad delete', { k: 'a', s, d: true }, 'delete operation'],
    ['bad ttl', { k: 'a', s, v: 1, t: { value: -1, unit: 'DAYS' } }, 'ttl'],
    ['not an object', 7, 'not an object'],
  ])('lists an invalid operation (%s) and keeps the valid ones', (_name, op, reason) => {
    const parsed = parseEventBody({ ...good, ops: [good.ops[0], op] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.body.ops).toEqual([good.ops[0]]);
    expect(parsed.invalid).toHaveLength(1);
    expect(parsed.invalid[0]!.index).toBe(1);
    expect(parsed.invalid[0]!.reason).toContain(reason);
  });

  test('reads history defensively', () => {
    const parsed = parseEventBody({ ...good, h: { attempts: 3.7, redrives: -1, lastError: 5 } });
    expect(parsed.ok && parsed.body.h).toEqual({ attempts: 3, redrives: 0, lastError: undefined, lastDelayMs: undefined });
  });
});

describe('carrier of a malformed event', () => {
  test('is read as malformed, with the carried reason, raw text and history', () => {
    const parsed = parseEventBody({ qs: 1, id: 'm1', at: 5, ops: [], m: { reason: 'not ours', raw: '{"x":1}' }, h: { attempts: 5, redrives: 1 } });
    expect(parsed).toEqual({
      ok: false,
      reason: 'not ours',
      carried: { id: 'm1', at: 5, raw: '{"x":1}', h: { attempts: 5, redrives: 1, lastError: undefined, lastDelayMs: undefined } },
    });
  });
});
