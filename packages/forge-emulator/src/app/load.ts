import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ManifestError } from '../errors.js';
import type { AppDefinition } from '../types.js';
import { importBuilt, importSource } from './import-module.js';
import { checkSandboxOnlySdks, loadErrorHint } from './legacy-runtime.js';
import { checkModules } from './modules.js';

/**
 * Reads `dir/manifest.yml` and imports every module its handlers name: `index.x` is export `x`
 * of `src/index.(ts|tsx|js|jsx|cjs)` (source 'src', loaded with the CommonJS interop of Forge's webpack
 * bundle: see import-module.ts) or `dist/index.(js|mjs|cjs)` (source 'dist'). Default: dist when
 * `dir/dist` exists, else src.
 */
export async function readAppDir(dir: string, source?: 'src' | 'dist', acceptModules: readonly string[] = []): Promise<AppDefinition> {
  const root = resolve(dir);
  const manifestPath = join(root, 'manifest.yml');
  const text = await readFile(manifestPath, 'utf8').catch((cause: unknown) => {
    throw new ManifestError(`cannot read ${manifestPath}`, { cause });
  });
  const manifest = parse(text) as { modules?: { function?: Array<{ handler?: unknown }> }; app?: { id?: unknown } } | null | string;
  if (manifest === null || typeof manifest !== 'object') throw new ManifestError(`${manifestPath} must be a YAML mapping`);
  checkModules(manifest, acceptModules);
  checkSandboxOnlySdks(root);
  const from = source ?? (existsSync(join(root, 'dist')) ? 'dist' : 'src');
  const names = new Set<string>();
  for (const f of manifest.modules?.function ?? []) {
    if (typeof f.handler === 'string' && f.handler.includes('.')) names.add(f.handler.slice(0, f.handler.lastIndexOf('.')));
  }
  const modules: Record<string, Record<string, unknown>> = {};
  for (const name of names) modules[name] = await importModule(root, from, name);
  return { name: root.split(/[\\/]/).pop() ?? root, manifest: text, modules, acceptModules };
}

/** Webpack's resolve order for `src/<name>` (`resolve.extensions` of Forge's bundler). */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.cjs'];
const BUILT_EXTENSIONS = ['.js', '.mjs', '.cjs'];

async function importModule(root: string, from: 'src' | 'dist', name: string): Promise<Record<string, unknown>> {
  const candidates = (from === 'dist' ? BUILT_EXTENSIONS : SOURCE_EXTENSIONS).map((ext) => join(root, from, `${name}${ext}`));
  const file = candidates.find((p) => existsSync(p));
  if (file === undefined) throw new ManifestError(`no module '${name}' under ${join(root, from)} (tried ${candidates.map((c) => c.slice(root.length + 1)).join(', ')})`);
  try {
    return from === 'dist' ? await importBuilt(file) : await importSource(file);
  } catch (cause) {
    throw new ManifestError(`cannot load handler module ${file}: ${cause instanceof Error ? cause.message : String(cause)}${loadErrorHint(root, file, cause)}`, { cause });
  }
}
