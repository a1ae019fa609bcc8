import { describe, expect, test } from 'vitest';
import { splitHandler } from './read.js';

describe('splitHandler', () => {
  test.each([
    ['index.onIssueCreated', { module: 'index', name: 'onIssueCreated' }],
    ['jobs/sync.run', { module: 'jobs/sync', name: 'run' }],
    ['a.b.c', { module: 'a.b', name: 'c' }],
  ])('%s', (handler, expected) => {
    expect(splitHandler(handler)).toEqual(expected);
  });
});
