// The settings page's resolvers on the emulator: the Confluence admin check (current user's
// operations, as the user) and the backfill over the CQL search of the fixture site's pages.
import { createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { accounts, call, data, install } from './support/admin.js';

let emulators: Emulator[] = [];
function emulator(pages: number): Emulator {
  const emu = createEmulator({ seed: 12, site: { issues: 10, pages } });
  emulators.push(emu);
  return emu;
}
afterEach(() => {
  for (const e of emulators) e.dispose();
  emulators = [];
});

describe('admin check (user/current?expand=operations as the user)', () => {
  test('a user who does not administer Confluence is refused with a clear error', async () => {
    const emu = emulator(10);
    const inst = install(emu);
    expect(await call(inst, accounts(emu, inst).user, 'overview')).toEqual({
      ok: false, error: { code: 'ADMIN_REQUIRED', message: expect.stringMatching(/Only Confluence administrators/) as unknown },
    });
    expect(await call(inst, accounts(emu, inst).user, 'startBackfill')).toMatchObject({ ok: false, error: { code: 'ADMIN_REQUIRED' } });
    await emu.runUntilIdle();
    expect(inst.kvs.entries()).toEqual([]);
  });

  test('an administrator gets the overview', async () => {
    const emu = emulator(10);
    const inst = install(emu);
    expect(data(await call<{ product: string; deadLetters: number }>(inst, accounts(emu, inst).admin, 'overview'))).toMatchObject({ product: 'confluence', deadLetters: 0 });
  });
});

describe('backfill (index existing pages)', () => {
  test('pages through the CQL search of 2,000 fixture pages to 100 %, with the total known from the start', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator(2000);
    const inst = install(emu);
    const { admin } = accounts(emu, inst);
    const started = data(await call<{ state: { total: number } }>(inst, admin, 'startBackfill'));
    expect(started.state.total).toBe(2000);
    await emu.runUntilIdle();
    const { backfill } = data(await call<{ backfill: unknown }>(inst, admin, 'overview'));
    expect(backfill).toMatchObject({ state: { status: 'done', items: 2000, pages: 20 }, progress: 1 });
    const site = emu.product.site(inst.id);
    expect(inst.kvs.entries().filter(([k]) => k.startsWith('page:'))).toHaveLength(2000);
    const p = site.page(777);
    expect(inst.kvs.get(`page:${p.id}`)).toMatchObject({ id: p.id, title: p.title });
  });

  test('runs when the app is installed (avi:forge:installed:app)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const emu = emulator(150);
    const inst = install(emu);
    inst.fireProductEvent('avi:forge:installed:app', {});
    await emu.runUntilIdle();
    expect(inst.kvs.get('admin:backfill')).toMatchObject({ status: 'done', by: 'install', items: 150 });
  });
});
