import { expect, test } from 'vitest';
import type { RunResult } from '../model/result.js';
import { renderHtmlReport } from './html.js';

const result = { requested: 10, applied: 10, notes: ['<b>note</b>'] } as unknown as RunResult;

test('the report is one self-contained file with four charts', () => {
  const samples = [0, 60_000, 120_000].map((atMs, i) => ({ atMs, queueDepth: i, pendingWrites: 3 - i, retries: i, kvsWriteUnits: i * 10, kvsReadUnits: 0, rateLimited: 0 }));
  const html = renderHtmlReport({
    title: 'T',
    generatedAt: new Date(0),
    parameters: { seed: '1' },
    apps: [{ name: 'jira-app', result, samples }],
    writeUnitsQuota: 4000,
  });
  expect(html.match(/<svg /g)).toHaveLength(4);
  expect(html).not.toMatch(/<script[^>]+src=|<link |https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  expect(html).toContain('&lt;b&gt;note&lt;/b&gt;');
});
