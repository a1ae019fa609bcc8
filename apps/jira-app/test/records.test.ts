import { describe, expect, test } from 'vitest';
import { InvalidIssueEventError, issueRecords, MOST_RECENT_KEY } from '../src/index.js';
import { issueCase } from './support/events.js';

describe('issueRecords', () => {
  test('maps a created-issue event to issue:<KEY> and the most-recent key', () => {
    const { event, expected } = issueCase(4);
    expect(issueRecords(event)).toEqual([
      [`issue:${expected.key}`, expected],
      [MOST_RECENT_KEY, expected],
    ]);
  });

  test('falls back to the key prefix and the invocation time when fields are missing', () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const [[key, record]] = issueRecords({ issue: { key: 'ABC-7' } }, () => now) as [[string, unknown]];
    expect(key).toBe('issue:ABC-7');
    expect(record).toEqual({ key: 'ABC-7', summary: '', project: 'ABC', created: new Date(now).toISOString() });
  });

  test.each([undefined, null, 'text', {}, { issue: {} }, { issue: { key: '' } }, { issue: { key: 42 } }, { issue: { key: 'A B/1' } }])(
    'rejects %j with a typed error',
    (event) => {
      expect(() => issueRecords(event)).toThrow(InvalidIssueEventError);
      expect(() => issueRecords(event)).toThrow(expect.objectContaining({ code: 'JIRA_APP_INVALID_EVENT' }));
    },
  );
});
