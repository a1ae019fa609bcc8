import { describe, expect, test } from 'vitest';
import { InvalidPageEventError, MOST_RECENT_KEY, pageRecords } from '../src/index.js';
import { pageCase } from './support/events.js';

describe('pageRecords', () => {
  test('maps a created-page event to page:<id> and the most-recent key', () => {
    const { event, expected } = pageCase(4);
    expect(pageRecords(event)).toEqual([
      [`page:${expected.id}`, expected],
      [MOST_RECENT_KEY, expected],
    ]);
  });

  test('accepts a numeric id and stamps the invocation time when fields are missing', () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const [[key, record]] = pageRecords({ content: { id: 98304 } }, () => now) as [[string, unknown]];
    expect(key).toBe('page:98304');
    expect(record).toEqual({ id: '98304', title: '', space: '', created: new Date(now).toISOString() });
  });

  test.each([undefined, null, 'text', {}, { content: {} }, { content: { id: '' } }, { content: { id: 1.5 } }, { content: { id: 'a b/1' } }])(
    'rejects %j with a typed error',
    (event) => {
      expect(() => pageRecords(event)).toThrow(InvalidPageEventError);
      expect(() => pageRecords(event)).toThrow(expect.objectContaining({ code: 'CONFLUENCE_APP_INVALID_EVENT' }));
    },
  );
});
