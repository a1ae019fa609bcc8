import { describe, expect, test } from 'vitest';
import { JqlError, jqlDateMs, parseJql } from './jql.js';
import type { SiteIssue } from './types.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0);
const issueAt = (created: string, updated = created): SiteIssue => ({ fields: { created, updated } }) as unknown as SiteIssue;

describe('JQL dates', () => {
  test.each<[string, number | undefined]>([
    ['2026-01-01', Date.UTC(2026, 0, 1)],
    ['2025/12/31', Date.UTC(2025, 11, 31)],
    ['2025-12-31 23:30', Date.UTC(2025, 11, 31, 23, 30)],
    ['-1d', NOW - 86_400_000],
    ['-4w', NOW - 4 * 7 * 86_400_000],
    ['2h', NOW + 7_200_000],
    ['-30m', NOW - 1_800_000],
    ['-1y', undefined],
    ['startOfDay()', undefined],
    ['yesterday', undefined],
  ])('%s', (value, ms) => {
    expect(jqlDateMs(value, NOW)).toBe(ms);
  });

  test.each<[string, boolean]>([
    ['created >= -1h', true],
    ['created >= -10m', false],
    ['created < "2026-01-01 11:30"', true],
    ['createdDate > "2026/01/01"', true],
    ['created = "2026-01-01 11:20"', true],
    ['created != "2026-01-01 11:20"', false],
    ['updated <= -30m', false],
    ['updated > -30m', true],
  ])('%s on an issue created 11:20 and updated 11:45', (jql, matches) => {
    const q = parseJql(`project = DEMO AND ${jql}`, NOW);
    const issue = issueAt('2026-01-01T11:20:00.000+0000', '2026-01-01T11:45:00.000+0000');
    expect(q.filters.every((f) => f(issue))).toBe(matches);
  });

  test.each(['created >= startOfDay()', 'created >= "last week"', 'created in (-1d, -2d)'])('%s is refused by name, never matched loosely', (jql) => {
    expect(() => parseJql(`project = DEMO AND ${jql}`, NOW)).toThrow(JqlError);
  });
});
