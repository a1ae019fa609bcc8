import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { blockOtherOrigins, launchChromium } from '@forge-queue/forge-app-kit/browser';
import { expect, test } from 'vitest';
import { renderBenchHtml } from '../src/report/benchHtml.js';
import { sampleBenchResults } from '../src/report/benchSample.js';

// reports/ is git-ignored.
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'reports', 'test');

interface SectionFacts {
  scenario: string | null;
  window: string | null;
  charts: Array<{ title: string | null; width: number; height: number; legend: string[]; paths: number; bars: number; tallBars: number; limits: number }>;
}

// Runs in the page (kept as a string: this package compiles without DOM types).
const SECTIONS_IN_PAGE = `[...document.querySelectorAll('section.scenario')].map((section) => ({
  scenario: section.getAttribute('data-scenario'),
  window: section.getAttribute('data-window'),
  charts: [...section.querySelectorAll('svg.chart')].map((svg) => {
    const box = svg.getBoundingClientRect();
    return {
      title: svg.getAttribute('aria-label'),
      width: box.width,
      height: box.height,
      legend: [...svg.querySelectorAll('text')].map((t) => t.textContent || '').filter((t) => t.startsWith('\\u25a0')).map((t) => t.slice(2)),
      paths: svg.querySelectorAll('path.series').length,
      bars: svg.querySelectorAll('rect.bar').length,
      tallBars: [...svg.querySelectorAll('rect.bar')].filter((bar) => bar.getBoundingClientRect().height >= 2).length,
      limits: svg.querySelectorAll('line.limit').length,
    };
  }),
}))`;

test('the bench report renders, per scenario and window model, labelled charts of both strategies in headless Chromium, offline', async () => {
  // A small generated results file: the matrix itself is `pnpm bench`'s job, not the test suite's.
  const html = renderBenchHtml({ generatedAt: new Date(0).toISOString(), command: 'pnpm bench (generated sample)', results: sampleBenchResults(), checks: [], text: 'tables' });
  await mkdir(OUT, { recursive: true });
  const file = join(OUT, 'bench-results.html');
  await writeFile(file, html);

  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const external = await blockOtherOrigins(page, 'file:');
    await page.goto(pathToFileURL(file).href);
    const sections = await page.evaluate<SectionFacts[]>(SECTIONS_IN_PAGE);
    expect(sections.map((s) => `${s.scenario}/${s.window}`)).toEqual(['bulk-import/fixed', 'bulk-import/sliding', 'throttled/fixed', 'throttled/sliding']);
    for (const section of sections) {
      const label = `${section.scenario}, ${section.window} windows`;
      expect(section.charts.map((c) => c.title)).toEqual([
        `${label}: drain (writes pending at each minute's end)`,
        `${label}: KVS write units per minute against the quota`,
        `${label}: 429s per minute`,
      ]);
      for (const chart of section.charts) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(100);
        expect(chart.legend).toEqual(["guide's handler", 'queued-storage']);
      }
      const [drain, units, refused] = section.charts;
      expect(drain?.paths).toBe(2);
      expect(units?.limits).toBe(1);
      expect(units?.tallBars).toBeGreaterThan(0);
      expect(refused?.tallBars).toBeGreaterThan(0);
    }
    expect(external).toEqual([]);
    await page.screenshot({ path: join(OUT, 'bench-report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
}, 60_000);
