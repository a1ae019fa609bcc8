// Calling the admin page's resolvers on the emulator the way @forge/bridge `invoke` reaches them:
// `installation.invokeResolver('admin-resolver', method, payload, { accountId })`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Emulator, Installation } from '@forge-queue/forge-emulator';
import * as app from '../../src/index.js';

export const MANIFEST = readFileSync(fileURLToPath(new URL('../../manifest.yml', import.meta.url)), 'utf8');
/** The manifest without `app.storage` (no qs-version entity): every ordered write fails permanently. */
export const MANIFEST_WITHOUT_ENTITY = MANIFEST.replace(/\n {2}# Ordered mode[^\n]*\n {2}storage:\n(?: {4,}[^\n]*\n)+/, '\n');

export type Answer<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export function install(emu: Emulator, o: { manifest?: string; installationId?: string } = {}): Installation {
  const defined = emu.defineApp({ manifest: o.manifest ?? MANIFEST, modules: { index: { ...app } } });
  return emu.install(defined, { product: 'jira', installationId: o.installationId ?? 'site-1' });
}

export function accounts(emu: Emulator, inst: Installation): { admin: string; user: string } {
  const site = emu.product.site(inst.id);
  return { admin: site.admin.accountId, user: site.user.accountId };
}

/** One resolver call as `accountId`; returns the `{ ok, data | error }` answer. */
export async function call<T = unknown>(inst: Installation, accountId: string, method: string, payload: Record<string, unknown> = {}): Promise<Answer<T>> {
  return (await inst.invokeResolver('admin-resolver', method, payload, { accountId, context: { moduleKey: 'queue-admin-page' } })) as Answer<T>;
}

/** The data of an `{ ok: true }` answer; fails with the error otherwise. */
export function data<T>(answer: Answer<T>): T {
  if (!answer.ok) throw new Error(`resolver answered ${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}
