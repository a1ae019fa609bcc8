// scripts/forge-bundle.mjs reproduces Forge's bundling constraints: NodeNext-style `./x.js` imports of
// TypeScript files do not resolve (no resolve.extensionAlias), and the handlers come from the manifest.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bundleApp, handlerModules } from '../scripts/forge-bundle.mjs';

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

const MANIFEST = 'modules:\n  function:\n    - key: run\n      handler: index.run\n';
const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, types: [] } });

describe('forge-bundle', () => {
  test('entries are the handler modules the manifest names, once each', () => {
    const functions = [{ key: 'a', handler: 'index.a' }, { key: 'b', handler: 'jobs/sync.b' }, { key: 'c', handler: 'index.c' }];
    expect(handlerModules({ modules: { function: functions } })).toEqual(['index', 'jobs/sync']);
  });

  test.each([[{}], [{ modules: { function: [{ key: 'a', handler: 'no-dot' }] } }]])('rejects a manifest without usable handlers', (manifest) => {
    expect(() => handlerModules(manifest)).toThrow(/forge-bundle/);
  });

  test('fails, as forge deploy does, on a NodeNext relative import of a .ts file', async () => {
    const dir = await tinyApp({
      'manifest.yml': MANIFEST,
      'package.json': '{ "type": "module" }',
      'tsconfig.json': TSCONFIG,
      'src/index.ts': "import { x } from './x.js';\nexport const run = (): number => x;\n",
      'src/x.ts': 'export const x = 1;\n',
    });
    await expect(bundleApp(dir, { outDir: path.join(dir, 'out') })).rejects.toThrow(/Can't resolve '\.\/x\.js'/);
  });
});
