// Calling an app's admin page resolvers on the emulator the way @forge/bridge `invoke` reaches them:
// `installation.invokeResolver('admin-resolver', method, payload, { accountId })`. Both apps' admin
// tests use it with their own module, manifest and product.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Emulator, Installation } from '@forge-queue/forge-emulator';

export type Answer<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface AdminHarness {
  /** The app's manifest.yml. */
  MANIFEST: string;
  /** The manifest without `app.storage` (no qs-version entity): every ordered write fails permanently. */
  MANIFEST_WITHOUT_ENTITY: string;
  /** Installs the app (or `manifest`) on `installationId` (default `site-1`). */
  install: (emu: Emulator, o?: { manifest?: string; installationId?: string }) => Installation;
  /** The fixture site's administrator and plain user. */
  accounts: (emu: Emulator, inst: Installation) => { admin: string; user: string };
  /** One resolver call as `accountId`; returns the `{ ok, data | error }` answer. */
  call: <T = unknown>(inst: Installation, accountId: string, method: string, payload?: Record<string, unknown>) => Promise<Answer<T>>;
  /** The data of an `{ ok: true }` answer; fails with the error otherwise. */
  data: <T>(answer: Answer<T>) => T;
}

export function adminHarness(o: { appDir: string; app: Record<string, unknown>; product: 'jira' | 'confluence' }): AdminHarness {
  const MANIFEST = readFileSync(path.join(o.appDir, 'manifest.yml'), 'utf8');
  return {
    MANIFEST,
    MANIFEST_WITHOUT_ENTITY: MANIFEST.replace(/\n {2}# Ordered mode[^\n]*\n {2}storage:\n(?: {4,}[^\n]*\n)+/, '\n'),
    install: (emu, i = {}) => {
      const defined = emu.defineApp({ manifest: i.manifest ?? MANIFEST, modules: { index: { ...o.app } } });
      return emu.install(defined, { product: o.product, installationId: i.installationId ?? 'site-1' });
    },
    accounts: (emu, inst) => {
      const site = emu.product.site(inst.id);
      return { admin: site.admin.accountId, user: site.user.accountId };
    },
    call: async <T>(inst: Installation, accountId: string, method: string, payload: Record<string, unknown> = {}) => {
      return (await inst.invokeResolver('admin-resolver', method, payload, { accountId, context: { moduleKey: 'queue-admin-page' } })) as Answer<T>;
    },
    data: <T>(answer: Answer<T>): T => {
      if (!answer.ok) throw new Error(`resolver answered ${answer.error.code}: ${answer.error.message}`);
      return answer.data;
    },
  };
}
