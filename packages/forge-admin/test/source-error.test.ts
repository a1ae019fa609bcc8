import { describe, expect, test } from 'vitest';
import { SourceError } from '../src/source-error.js';

describe('SourceError.fromResponse', () => {
  test.each([
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
  ])('status %i is retryable: %s', (status, retryable) => {
    const error = SourceError.fromResponse('JQL search', { status, statusText: 'Reason' });
    expect(error).toMatchObject({ name: 'SourceError', code: 'SEARCH_FAILED', retryable, message: `JQL search answered ${status} Reason` });
  });
});
