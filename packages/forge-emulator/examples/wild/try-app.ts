/**
 * Runs a Forge app folder on the emulator the way docs/apps-in-the-wild.md records it: loads it,
 * runs an optional scenario (resolver calls, web trigger requests), fires every product event its
 * triggers subscribe to once, drains, runs the clock 6 minutes on (scheduled triggers), and prints
 * what ran, the store, the attempt log, dropped events, `@forge/realtime` messages and product
 * requests no route served.
 *
 *   node --import tsx examples/wild/try-app.ts <appDir> [--scenario <name>] [--accept <module,...>]
 *
 * `<name>` is a file of ./scenarios (without `.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createEmulator } from '../../src/index.js';
import type { Emulator, Installation } from '../../src/index.js';

export interface ScenarioContext {
  emu: Emulator;
  site: Installation;
  appDir: string;
  /** Calls a resolver as the fixture site's administrator and prints the answer (or the error). */
  call: (functionKey: string, method: string, payload?: unknown, context?: Record<string, unknown>) => Promise<unknown>;
}
export type Scenario = (ctx: ScenarioContext) => Promise<void>;

const args = process.argv.slice(2);
const appDir = args[0];
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (appDir === undefined) throw new Error('usage: try-app.ts <appDir> [--scenario <name>] [--accept <module,...>]');
const short = (v: unknown, n = 300): string => (typeof v === 'string' ? v : (JSON.stringify(v) as string | undefined) ?? String(v)).slice(0, n);

const emu = createEmulator({ seed: 1, site: { issues: 200 } });
try {
  const app = await emu.loadApp(appDir, { acceptModules: (option('--accept') ?? '').split(',').filter(Boolean) });
  console.log('LOADED functions:', app.functionKeys.join(', '));
  const site = emu.install(app, { installationId: 'wild-site' });
  const admin = emu.product.site('wild-site').admin.accountId;
  const call: ScenarioContext['call'] = async (functionKey, method, payload, context) => {
    try {
      const answer = await site.invokeResolver(functionKey, method, payload, { accountId: admin, context });
      console.log(`RESOLVER ${functionKey}#${method} ->`, short(answer));
      return answer;
    } catch (e) {
      console.log(`RESOLVER ${functionKey}#${method} THREW`, short(String(e)));
      return undefined;
    }
  };
  const scenario = option('--scenario');
  if (scenario !== undefined) {
    const mod = (await import(`./scenarios/${scenario}.ts`)) as { default: Scenario };
    await mod.default({ emu, site, appDir, call });
  }
  const manifest = parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8')) as { modules?: { trigger?: Array<{ events?: unknown[] }> } };
  const issue = emu.product.site('wild-site').issue(1);
  for (const t of manifest.modules?.trigger ?? []) {
    for (const e of t.events ?? []) {
      const eventType = typeof e === 'string' ? e : (e as { eventType: string }).eventType;
      site.fireProductEvent(eventType, { atlassianId: admin, issue: { id: issue.id, key: issue.key, fields: issue.fields } });
    }
  }
  await emu.runUntilIdle();
  await emu.advance(6 * 60_000);
  await emu.runUntilIdle();
  const entries = site.kvs.entries();
  console.log(`KVS ${entries.length} keys:`, short(entries, 600));
  console.log(`LOG\n  ${emu.inspect().log.map((l) => `${l.kind} ${l.functionKey} ${l.outcome} ${short(l.error ?? '', 200)}`).join('\n  ')}`);
  console.log('DROPPED', emu.inspect().dropped.map((d) => `${d.functionKey} ${d.reason} ${short(d.lastError ?? '', 200)}`));
  const published = site.realtime();
  if (published.length > 0) console.log(`REALTIME ${published.length} published:`, short(published.map((p) => [p.channel, p.payload]), 400));
  console.log('UNSERVED', emu.product.unserved().map((u) => `${u.method} ${u.product} ${u.path}`));
  const m = emu.metrics();
  console.log('METRICS', short({ invocations: m.invocations, pushes: m.pushes, eventsDelivered: m.eventsDelivered, kvsRequests: m.kvsRequests, eventsDropped: m.eventsDropped }));
} catch (e) {
  console.log('FAILED', String(e));
} finally {
  emu.dispose();
}
