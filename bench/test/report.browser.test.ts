import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { blockOtherOrigins, launchChromium } from '@forge-queue/forge-app-kit/browser';
import { expect, test } from 'vitest';
import { parseMainArgs } from '../src/cli/mainArgs.js';
import { runMainJob } from '../src/mainJob.js';
import { renderHtmlReport } from '../src/report/html.js';
import { writeReport } from '../src/report/writeReport.js';
import { captureConsole } from '../src/run/captureConsole.js';

// reports/ is git-ignored.
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'reports', 'test');

interface ChartFacts {
  title: string | null;
  width: number;
  height: number;
  /** data-points of each line series. */
  paths: number[];
  /** Distinct y coordinates drawn by each line series. */
  distinctY: number[];
  bars: number;
  /** Bars at least 2 px tall. */
  tallBars: number;
}

// Runs in the page (kept as a string: this package compiles without DOM types).
const CHARTS_IN_PAGE = `[...document.querySelectorAll('svg.chart')].map((svg) => {
  const box = svg.getBoundingClientRect();
  return {
    title: svg.getAttribute('aria-label'),
    width: box.width,
    height: box.height,
    paths: [...svg.querySelectorAll('path.series')].map((path) => Number(path.getAttribute('data-points'))),
    distinctY: [...svg.querySelectorAll('path.series')].map((path) => new Set((path.getAttribute('d') || '').split(/[ML]/).filter(Boolean).map((xy) => xy.split(',')[1])).size),
    bars: svg.querySelectorAll('rect.bar').length,
    tallBars: [...svg.querySelectorAll('rect.bar')].filter((bar) => bar.getBoundingClientRect().height >= 2).length,
  };
})`;

test('the main job report renders its charts with data in headless Chromium, offline', async () => {
  // A tight write quota makes the queue, retries and pending writes move.
  const options = parseMainArgs(['--issues', '150', '--pages', '50', '--window', '30s', '--seed', '3', '--quota', 'kvsWriteUnitsPerMinute=120']);
  const appConsole = captureConsole();
  const runs = await runMainJob(options).finally(() => {
    appConsole.restore();
  });
  for (const run of runs) {
    expect(run.result.applied + run.result.deadLettered + run.result.lost).toBe(run.result.requested);
    expect(run.result.peakWriteUnitsPerMinute).toBeLessThanOrEqual(options.quotas.kvsWriteUnitsPerMinute);
  }
  expect(runs.map((run) => run.result.requested)).toEqual([300, 100]);
  const html = renderHtmlReport({ title: 'test report', generatedAt: new Date(), parameters: { seed: '3' }, apps: runs, writeUnitsQuota: options.quotas.kvsWriteUnitsPerMinute });
  const paths = await writeReport(OUT, html, new Date());
  expect(await readFile(paths.latest, 'utf8')).toBe(html);

  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const external = await blockOtherOrigins(page, 'file:');
    await page.goto(pathToFileURL(paths.run).href);
    const charts = await page.evaluate<ChartFacts[]>(CHARTS_IN_PAGE);
    expect(charts).toHaveLength(4);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(100);
      expect(Math.max(0, ...chart.paths) + chart.bars).toBeGreaterThan(1);
    }
    expect(charts.find((chart) => chart.title?.startsWith('Queue depth'))?.paths).toEqual([expect.any(Number), expect.any(Number)]);
    expect(external).toEqual([]);
    // The jira app overruns its write quota: queue depth and pending writes rise and fall.
    const moving = (prefix: string): number => Math.max(0, ...(charts.find((chart) => chart.title?.startsWith(prefix))?.distinctY ?? []));
    expect(moving('Queue depth')).toBeGreaterThan(1);
    expect(moving('Pending writes')).toBeGreaterThan(1);
    expect(charts.find((chart) => chart.title?.startsWith('KVS write units'))?.tallBars).toBeGreaterThan(0);
    await mkdir(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
}, 120_000);
