import { describe, expect, test } from 'vitest';
import { UsageError } from './errors.js';
import { parseMainArgs } from './mainArgs.js';

describe('parseMainArgs', () => {
  test('defaults: 5,000 issues and 1,000 pages in one minute at the documented quotas', () => {
    const options = parseMainArgs([]);
    expect(options).toMatchObject({ issues: 5000, pages: 1000, windowMs: 60_000, seed: 1, out: 'reports', faults: {} });
    expect(options.quotas.kvsWriteUnitsPerMinute).toBe(4000);
  });

  test('options override the load, quotas and faults', () => {
    const options = parseMainArgs(['--', '--issues', '10', '--pages=0', '--window', '2m', '--quota', 'kvsWriteUnitsPerMinute=400', '--fault', 'kvs5xx=0.05', '--fault', 'reorder=1', '--seed', '7']);
    expect(options).toMatchObject({ issues: 10, pages: 0, windowMs: 120_000, seed: 7, faults: { kvs5xxRate: 0.05, reorder: 1 } });
    expect(options.quotas.kvsWriteUnitsPerMinute).toBe(400);
    expect(options.quotas.pushEventsPerMinute).toBe(500);
  });

  test.each([
    [['--issues', '-1']],
    [['--window', 'soon']],
    [['--quota', 'nope=1']],
    [['--quota', 'kvsRequestsPerSecond']],
    [['--fault', 'kvs5xx=2']],
    [['--bogus']],
  ])('rejects %j with a UsageError', (argv) => {
    expect(() => parseMainArgs(argv)).toThrow(UsageError);
  });
});
