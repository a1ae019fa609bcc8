// @forge-queue/forge-app-kit/browser: what the apps' browser tests share. Headless Chromium is
// Debian's (never a downloaded browser), driven by playwright-core; a page may reach only the dev
// server's origin (Forge's content security policy allows no external host); controls are found the
// way a keyboard or screen-reader user finds them.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A script for `page.evaluate`: the controls without an accessible name (aria-label, aria-labelledby, a <label>, or text). */
export const UNLABELLED_CONTROLS = `[...document.querySelectorAll('button, input, select, progress, meter, a[href]')].filter((el) => {
  const byIds = (el.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent || '').join('');
  const name = (el.getAttribute('aria-label') || byIds || [...(el.labels || [])].map((l) => l.textContent).join('') || el.textContent || '').trim();
  return name === '';
}).map((el) => el.outerHTML.slice(0, 80))`;
const FOCUSED_NAME = `(document.activeElement && (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent || '').trim())`;

/** Launches Debian's Chromium headless; fails with the install command when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Aborts every request of `page` whose URL does not start with `origin`; the returned list collects them. */
export async function blockOtherOrigins(page: Page, origin: string): Promise<string[]> {
  const external: string[] = [];
  await page.route('**/*', async (route) => {
    if (route.request().url().startsWith(origin)) return route.continue();
    external.push(route.request().url());
    return route.abort();
  });
  return external;
}

/** Opens `origin + path`; any request to another origin is aborted, and closing the page fails the test if there was one. */
export async function openPage(browser: Browser, origin: string, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const external = await blockOtherOrigins(page, origin);
  page.on('close', () => {
    expect(external).toEqual([]);
  });
  await page.goto(`${origin}${path}`);
  return page;
}

/** Tabs through the page until the focused control is named `name`; fails after 80 stops. */
export async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate<string>(FOCUSED_NAME)) === name) return;
  }
  throw new Error(`no control named '${name}' reachable with Tab`);
}
