// Bundle src/ the way `forge deploy` does (forge-bundle), load the CommonJS bundle on the emulator
// and run a small end-to-end scenario through it.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { bundleApp, type BundleResult } from '../bundle/bundle.js';
import { manifestPath, manifestText, readManifest, splitHandler } from '../manifest/read.js';
import { recordKey } from '../scenario/app.js';
import { runScenario, type ScenarioResult } from '../scenario/run.js';
import { captureLog, logged, packageVersion, present, type ForgeAppSuiteOptions } from './options.js';

const require = createRequire(import.meta.url);
/** The workspace library, as webpack names its modules relative to an app in apps/. */
const LIBRARY = { marker: '/queued-storage/', dist: '../../packages/queued-storage/dist/' };

export function describeBundle<R>(o: ForgeAppSuiteOptions<R>): void {
  let bundle: BundleResult;
  let result: ScenarioResult<R> | undefined;

  describe('the Forge bundle of src/', () => {
    beforeAll(async () => {
      bundle = await bundleApp(o.appDir);
    }, 180_000);
    afterAll(() => {
      result?.emulator.dispose();
      rmSync(bundle.outDir, { recursive: true, force: true });
    });

    test('is self-contained: it requires nothing but Node built-ins', () => {
      const source = readFileSync(present(bundle.files.index, 'index bundle'), 'utf8');
      const required = [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => (m[1] ?? '').replace(/^node:/, ''));
      expect(required.filter((name) => !builtinModules.includes(name))).toEqual([]);
      expect(bundle.packages).toEqual(expect.arrayContaining(['@forge/events', '@forge/kvs']));
    });

    test('takes the workspace library from its built dist/ (pnpm symlink + exports map), not its src/', () => {
      expect(bundle.localModules).toContain('./src/index.ts');
      const library = bundle.localModules.filter((name) => name.includes(LIBRARY.marker));
      expect(library.length).toBeGreaterThan(0);
      expect(library.filter((name) => !name.startsWith(LIBRARY.dist))).toEqual([]);
    });

    test('exports every handler the manifest names', () => {
      const modules = Object.fromEntries(Object.entries(bundle.files).map(([name, file]) => [name, require(file) as Record<string, unknown>]));
      const handlers = readManifest(manifestPath(o.appDir)).modules.function.map((f) => f.handler);
      const missing = handlers.filter((handler) => {
        const { module, name } = splitHandler(handler);
        return typeof modules[module]?.[name] !== 'function';
      });
      expect(handlers.length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    });

    test(`runs created ${o.items} end to end on the emulator`, async () => {
      const log = captureLog(onTestFinished);
      const index = require(present(bundle.files.index, 'index bundle')) as Record<string, unknown>;
      result = await runScenario(o, { manifest: manifestText(manifestPath(o.appDir)), modules: { index }, count: 20 });
      for (const { expected } of result.cases) expect(result.kvs.get(recordKey(o, expected))).toEqual(expected);
      expect(result.mostRecent).toEqual(result.cases.at(-1)?.expected);
      expect(result.emulator.inspect().dropped).toEqual([]);
      // webpack inlined package.json's version (the `with { type: 'json' }` import) into the bundle.
      expect(logged(log)).toContain(`[${o.name}@${packageVersion(o.appDir)}]`);
    });
  });
}
