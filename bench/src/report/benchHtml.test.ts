import { expect, test } from 'vitest';
import { renderBenchHtml } from './benchHtml.js';
import { sampleBenchResults } from './benchSample.js';

test('the bench report: one section per scenario and window model, three charts each, self-contained', () => {
  const html = renderBenchHtml({ generatedAt: '2026-01-01T00:00:00Z', command: 'pnpm bench', results: sampleBenchResults(), checks: [], text: 'a <table>' });
  expect(html.match(/<section class="scenario"/g)).toHaveLength(4);
  expect(html.match(/<svg /g)).toHaveLength(12);
  expect(html).toContain('aria-label="throttled, sliding windows: KVS write units per minute against the quota"');
  expect(html).toContain('quota 400/min');
  expect(html).toContain('a &lt;table&gt;');
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
});
