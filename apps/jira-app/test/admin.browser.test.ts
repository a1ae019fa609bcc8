// The admin page and the dev dashboard in headless Chromium (Debian's, through playwright-core),
// against `forge-emulator dev` running this app: an administrator sees a dead letter left by a
// permanent failure, replays it and finds the value in the KVS browser; a non-admin is refused; a
// backfill of 2,000 fixture issues reaches 100 %; the dashboard shows a bulk of 500 issues draining.
// UPDATE_SCREENSHOTS=1 writes the README's screenshots to ../../docs/images.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer, type DevServer } from '@forge-queue/forge-emulator';
import { launchChromium, openPage, tabTo, UNLABELLED_CONTROLS } from '@forge-queue/forge-app-kit/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { MANIFEST, MANIFEST_WITHOUT_ENTITY } from './support/admin.js';
import { appCopy } from './support/dev-app.js';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1'
  ? fileURLToPath(new URL('../../../docs/images/', import.meta.url))
  : fileURLToPath(new URL('../reports/screenshots/', import.meta.url));
const ADMIN_PAGE = '/ui/queue-admin-page/index.html';
const SUMMARY = 'Browser-tested issue';

let server: DevServer | undefined;
let browser: Browser | undefined;
let app: ReturnType<typeof appCopy>;

async function open(path: string): Promise<Page> {
  if (browser === undefined || server === undefined) throw new Error('not started');
  return openPage(browser, server.url, path);
}

describe('admin page and dashboard in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    for (const built of ['../ui/dist/index.html', '../dist/index.cjs']) {
      if (!existsSync(fileURLToPath(new URL(built, import.meta.url)))) throw new Error(`${built.slice(3)} is missing: run pnpm build first`);
    }
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    mkdirSync(SHOTS, { recursive: true });
    app = appCopy(MANIFEST_WITHOUT_ENTITY);
    const statePath = join(app.dir, '.forge-emulator', 'dev-state.json');
    // Deployed without the version entity: the issue's writes fail permanently and become a dead letter.
    // The dev server runs the Forge bundle (dist/index.cjs), the code `forge deploy` would upload.
    const broken = await startDevServer({ appDir: app.dir, source: 'dist', port: 0, statePath, site: { issues: 0, pages: 0 } });
    broken.session.installation.fireProductEvent('avi:jira:created:issue', { issue: { key: 'WEB-1', fields: { summary: SUMMARY, project: { key: 'WEB' }, created: '2026-01-01T00:00:00.000Z' } } });
    await broken.session.runUntilIdle();
    await broken.close();
    // Fixed and started again on the same store, with a fixture site of 2,000 issues.
    app.setManifest(MANIFEST);
    // A write quota a tenth of the default, so that the bulk of 500 issues visibly queues and drains.
    server = await startDevServer({ appDir: app.dir, source: 'dist', port: 0, statePath, site: { issues: 2000, pages: 0 }, quotas: { kvsWriteUnitsPerMinute: 400 } });
    browser = await launchChromium();
  }, 180_000);

  // The app logs one line per consumer invocation (restoreMocks undoes the spy after each test).
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(app.dir, { recursive: true, force: true });
  });

  test('a user without admin rights is refused', async () => {
    const page = await open(`${ADMIN_PAGE}?as=user`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Access denied.*Only Jira administrators/);
    expect(await page.getByRole('table', { name: 'Dead letters' }).count()).toBe(0);
    await page.close();
  });

  test('an administrator sees the dead letter without its values, opens them, replays it; the value lands in KVS', async () => {
    const page = await open(`${ADMIN_PAGE}?as=admin`);
    const row = page.getByRole('table', { name: 'Dead letters' }).getByRole('row').filter({ hasText: 'issue:WEB-1' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/permanent/);
    expect(await page.content()).not.toContain(SUMMARY);
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
    // Keyboard: Tab to the row's Details button and open it with Enter.
    const id = (await row.getAttribute('data-id')) ?? '';
    await tabTo(page, `Show values of dead letter ${id}`);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: new RegExp(`Dead letter ${id}`) }).waitFor();
    expect(await page.locator('.details pre').textContent()).toContain(SUMMARY);
    // Replay all asks first; Escape cancels.
    await page.getByRole('button', { name: 'Replay all…' }).click();
    await page.getByRole('dialog', { name: 'Replay every dead letter?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(SHOTS, 'jira-admin-page.png'), fullPage: true });
    await page.getByRole('button', { name: `Replay dead letter ${id}` }).click();
    await page.getByRole('status').filter({ hasText: `Replayed ${id}` }).waitFor();
    await page.getByText('No dead letters.').waitFor();
    await page.close();

    const dashboard = await open('/');
    await dashboard.getByLabel('Search keys').fill('issue:WEB');
    await dashboard.getByRole('button', { name: 'Search', exact: true }).click();
    const show = dashboard.getByRole('button', { name: 'Show value of issue:WEB-1' });
    await show.waitFor();
    expect(await dashboard.content()).not.toContain(SUMMARY);
    await show.click();
    expect(await dashboard.getByLabel('Value of issue:WEB-1', { exact: true }).textContent()).toContain(SUMMARY);
    await dashboard.close();
  });

  test('the backfill of 2,000 fixture issues reaches 100 % on the page', async () => {
    const page = await open(`${ADMIN_PAGE}?as=admin`);
    const start = page.getByRole('button', { name: 'Index existing issues' });
    await start.waitFor();
    // The install hook's run (an empty site then) is on the page already: wait for this run's pages.
    await start.click();
    await page.locator('#backfill-status').filter({ hasText: /Status: done · 2000 of 2000 issues in 20 pages/ }).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('backfill-percent').textContent()).toBe(' 100 %');
    expect(server?.session.installation.kvs.entries().filter(([k]) => /^issue:(DEMO|OPS)-/.test(k))).toHaveLength(2000);
    await page.screenshot({ path: join(SHOTS, 'jira-admin-backfill.png'), fullPage: true });
    await page.close();
  });

  test('the dashboard shows a bulk of 500 issues draining', async () => {
    const page = await open('/');
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
    await page.getByLabel('Run due work automatically').uncheck();
    // The page sends the setting on its own request: fire only once the server has it, or auto-run
    // would drain the bulk before the page shows it queued.
    await expect.poll(async () => ((await (await fetch(`${server?.url ?? ''}/api/state`)).json()) as { clock: { autoRun: boolean } }).clock.autoRun).toBe(false);
    await page.getByLabel('Event', { exact: true }).selectOption('avi:jira:created:issue');
    await page.getByRole('button', { name: 'Fire a bulk of 500' }).click();
    await page.locator('#q-queued').filter({ hasText: /^500$/ }).waitFor();
    // One virtual minute: the triggers run; what the write quota refuses waits in the queue.
    await page.getByRole('button', { name: 'Advance clock' }).click();
    // The 500 triggers ran (the site's invocation count); the log shows the newest entries, the
    // consumer's retries of what the quota refused.
    await expect.poll(async () => Number(await page.locator('#installations-body td').nth(3).textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(500);
    await page.getByRole('row').filter({ hasText: 'storage-consumer' }).first().waitFor();
    const pending = async (): Promise<number> => {
      const state = (await (await fetch(`${server?.url ?? ''}/api/state`)).json()) as { queues: Record<string, number> };
      return Object.entries(state.queues).filter(([k]) => k !== 'dropped').reduce((n, [, v]) => n + v, 0);
    };
    expect(await pending()).toBeGreaterThan(0);
    await page.getByLabel('Search keys').fill('issue:DEV-');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#kvs-count').filter({ hasText: /keys/ }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'dashboard.png') });
    await page.getByRole('button', { name: 'Run until idle' }).click();
    // The button's request returns once the emulator is idle; the page shows it on its next poll.
    await expect.poll(pending, { timeout: 60_000 }).toBe(0);
    await page.locator('#q-queued').filter({ hasText: /^0$/ }).waitFor();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#kvs-count').filter({ hasText: /^500 keys/ }).waitFor();
    expect(await page.locator('#q-dropped').textContent()).toBe('0');
    await page.close();
  });
});
