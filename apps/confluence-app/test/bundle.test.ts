// Bundle src/ the way `forge deploy` does (with the shared ../jira-app/scripts/forge-bundle.mjs),
// load the CommonJS bundle on the emulator and run a small end-to-end scenario through it.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { bundleApp, type BundleResult } from '../../jira-app/scripts/forge-bundle.mjs';
import { APP_DIR, manifestText, readManifest, splitHandler } from './support/manifest.js';
import { runPageScenario, type ScenarioResult } from './support/scenario.js';

const require = createRequire(import.meta.url);
let bundle: BundleResult;
let result: ScenarioResult | undefined;

beforeAll(async () => {
  bundle = await bundleApp(APP_DIR);
});
afterAll(() => {
  result?.emulator.dispose();
  rmSync(bundle.outDir, { recursive: true, force: true });
});

describe('the Forge bundle of src/', () => {
  test('is self-contained: it requires nothing but Node built-ins', () => {
    const source = readFileSync(bundle.files.index!, 'utf8');
    const required = [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!.replace(/^node:/, ''));
    expect(required.filter((name) => !builtinModules.includes(name))).toEqual([]);
    expect(bundle.packages).toEqual(expect.arrayContaining(['@forge/events', '@forge/kvs']));
  });

  test('takes the workspace library from its built dist/ (pnpm symlink + exports map), not its src/', () => {
    expect(bundle.localModules).toContain('./src/index.ts');
    const library = bundle.localModules.filter((name) => name.includes('/queued-storage/'));
    expect(library.length).toBeGreaterThan(0);
    expect(library.filter((name) => !name.startsWith('../../packages/queued-storage/dist/'))).toEqual([]);
  });

  test('exports every handler the manifest names', () => {
    const modules = Object.fromEntries(Object.entries(bundle.files).map(([name, file]) => [name, require(file) as Record<string, unknown>]));
    const handlers = readManifest().modules.function.map((f) => f.handler);
    const missing = handlers.filter((handler) => {
      const { module, name } = splitHandler(handler);
      return typeof modules[module]?.[name] !== 'function';
    });
    expect(handlers.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  test('runs created pages end to end on the emulator', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const index = require(bundle.files.index!) as Record<string, unknown>;
    const { version } = JSON.parse(readFileSync(path.join(APP_DIR, 'package.json'), 'utf8')) as { version: string };
    result = await runPageScenario({ manifest: manifestText(), modules: { index }, count: 20 });
    for (const { expected } of result.cases) expect(result.kvs.get(`page:${expected.id}`)).toEqual(expected);
    expect(result.mostRecent).toEqual(result.cases.at(-1)?.expected);
    expect(result.emulator.inspect().dropped).toEqual([]);
    // webpack inlined package.json's version (the `with { type: 'json' }` import) into the bundle.
    expect(log.mock.calls.flat().join('\n')).toContain(`[confluence-app@${version}]`);
  });
});
