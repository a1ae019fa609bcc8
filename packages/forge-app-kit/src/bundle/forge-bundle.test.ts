// forge-bundle reproduces Forge's bundling constraints: NodeNext-style `./x.js` imports of
// TypeScript files do not resolve (no resolve.extensionAlias), and the handlers come from the manifest.
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ForgeBundleError } from '../errors.js';
import { bundleApp } from './bundle.js';
import { handlerModules } from './handlers.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tinyApp(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'forge-bundle-app-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const MANIFEST = 'modules:\n  function:\n    - key: run\n      handler: index.run\n    - key: job\n      handler: jobs/sync.job\n';
const tsconfig = (module: string): string => JSON.stringify({ compilerOptions: { module, moduleResolution: module === 'NodeNext' ? 'NodeNext' : 'Bundler', target: 'ES2022', strict: true, types: [] } });

// webpack + ts-loader type-checking take seconds alone, far more while CI runs other packages' tests beside them.
describe('forge-bundle', { timeout: 180_000 }, () => {
  test('entries are the handler modules the manifest names, once each', () => {
    const functions = [{ key: 'a', handler: 'index.a' }, { key: 'b', handler: 'jobs/sync.b' }, { key: 'c', handler: 'index.c' }];
    expect(handlerModules({ modules: { function: functions } })).toEqual(['index', 'jobs/sync']);
  });

  test.each([[{}], [null], [{ modules: { function: [{ key: 'a', handler: 'no-dot' }] } }], [{ modules: { function: [{ key: 'a' }] } }]])(
    'rejects a manifest without usable handlers: %j',
    (manifest) => {
      expect(() => handlerModules(manifest)).toThrow(ForgeBundleError);
      expect(() => handlerModules(manifest)).toThrow(expect.objectContaining({ code: 'KIT_BAD_MANIFEST' }));
      expect(() => handlerModules(manifest)).toThrow(/^\[forge-bundle\] /);
    },
  );

  test('fails, as forge deploy does, on a NodeNext relative import of a .ts file', async () => {
    const dir = await tinyApp({
      'manifest.yml': 'modules:\n  function:\n    - key: run\n      handler: index.run\n',
      'package.json': '{ "type": "module" }',
      'tsconfig.json': tsconfig('NodeNext'),
      'src/index.ts': "import { x } from './x.js';\nexport const run = (): number => x;\n",
      'src/x.ts': 'export const x = 1;\n',
    });
    const bundling = bundleApp(dir, { outDir: path.join(dir, 'out') });
    await expect(bundling).rejects.toThrow(/Can't resolve '\.\/x\.js'/);
    await expect(bundling).rejects.toThrow(expect.objectContaining({ code: 'KIT_BUNDLE_FAILED' }));
  });

  test('bundles one CommonJS file per handler module that exports the named handlers', async () => {
    const dir = await tinyApp({
      'manifest.yml': MANIFEST,
      'package.json': '{ "type": "module" }',
      'tsconfig.json': tsconfig('ESNext'),
      'src/index.ts': "import { double } from './math';\nexport const run = (): number => double(21);\n",
      'src/math.ts': 'export const double = (n: number): number => n * 2;\n',
      'src/jobs/sync.ts': 'export async function job(): Promise<string> { return "synced"; }\n',
    });
    // A file an older build left in the output folder is removed (it could shadow index.cjs).
    await mkdir(path.join(dir, 'out'), { recursive: true });
    await writeFile(path.join(dir, 'out', 'index.js'), 'exports.run = () => 0;\n');
    const result = await bundleApp(dir, { outDir: path.join(dir, 'out') });
    expect(existsSync(path.join(dir, 'out', 'index.js'))).toBe(false);
    const require = createRequire(import.meta.url);
    const index = require(result.files.index!) as { run: () => number };
    const sync = require(result.files['jobs/sync']!) as { job: () => Promise<string> };
    expect(index.run()).toBe(42);
    await expect(sync.job()).resolves.toBe('synced');
    expect(result.localModules).toEqual(['./src/index.ts', './src/jobs/sync.ts', './src/math.ts']);
    expect(result.packages).toEqual([]);
    expect(result.bytes).toBeGreaterThan(0);
  });
});
