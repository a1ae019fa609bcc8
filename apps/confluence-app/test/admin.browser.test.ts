// The settings page (confluence:globalSettings) in headless Chromium (Debian's, through
// playwright-core), against `forge-emulator dev` running this app's Forge bundle: a non-admin is
// refused; an administrator's backfill of 500 fixture pages reaches 100 % on the page.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer, type DevServer } from '@forge-queue/forge-emulator';
import { launchChromium, openPage, UNLABELLED_CONTROLS } from '@forge-queue/forge-app-kit/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

const APP = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = fileURLToPath(new URL('../reports/screenshots/', import.meta.url));
const ADMIN_PAGE = '/ui/queue-admin-page/index.html';

let server: DevServer | undefined;
let browser: Browser | undefined;

async function open(path: string): Promise<Page> {
  if (browser === undefined || server === undefined) throw new Error('not started');
  return openPage(browser, server.url, path);
}

describe('settings page in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    for (const built of ['ui/dist/index.html', 'dist/index.cjs']) {
      if (!existsSync(join(APP, built))) throw new Error(`${built} is missing: run pnpm build first`);
    }
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    mkdirSync(SHOTS, { recursive: true });
    // The Forge bundle (dist/index.cjs), the code `forge deploy` would upload; no state kept.
    server = await startDevServer({ appDir: APP, source: 'dist', port: 0, statePath: undefined, site: { issues: 0, pages: 500 } });
    browser = await launchChromium();
  }, 120_000);

  // The app logs one line per consumer invocation (restoreMocks undoes the spy after each test).
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a user without admin rights is refused', async () => {
    const page = await open(`${ADMIN_PAGE}?as=user`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Access denied.*Only Confluence administrators/);
    expect(await page.getByRole('button', { name: 'Index existing pages' }).count()).toBe(0);
    await page.close();
  });

  test('the backfill of 500 fixture pages reaches 100 % on the page', async () => {
    const page = await open(`${ADMIN_PAGE}?as=admin`);
    const start = page.getByRole('button', { name: 'Index existing pages' });
    await start.waitFor();
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
    // The install hook's run may be on the page already: wait for the administrator's run.
    await start.click();
    await page.locator('#backfill-status').filter({ hasText: /Status: done · 500 of 500 pages in 5 pages · .* by an administrator/ }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('backfill-percent').textContent()).toBe(' 100 %');
    expect(server?.session.installation.kvs.entries().filter(([k]) => k.startsWith('page:'))).toHaveLength(500);
    await page.screenshot({ path: join(SHOTS, 'confluence-admin-backfill.png'), fullPage: true });
    await page.close();
  });
});
