import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ManifestError } from '../errors.js';
import type { AppDefinition } from '../types.js';

/**
 * Reads `dir/manifest.yml` and imports every module its handlers name: `index.x` is export `x`
 * of `src/index.ts` (source 'src', through tsx unless already running under vitest) or
 * `dist/index.js` (source 'dist'). Default: dist when `dir/dist` exists, else src.
 */
export async function readAppDir(dir: string, source?: 'src' | 'dist'): Promise<AppDefinition> {
  const root = resolve(dir);
  const manifestPath = join(root, 'manifest.yml');
  const text = await readFile(manifestPath, 'utf8').catch((cause: unknown) => {
    throw new ManifestError(`cannot read ${manifestPath}`, { cause });
  });
  const manifest = parse(text) as { modules?: { function?: Array<{ handler?: unknown }> }; app?: { id?: unknown } } | null;
  const from = source ?? (existsSync(join(root, 'dist')) ? 'dist' : 'src');
  const names = new Set<string>();
  for (const f of manifest?.modules?.function ?? []) {
    if (typeof f.handler === 'string' && f.handler.includes('.')) names.add(f.handler.slice(0, f.handler.lastIndexOf('.')));
  }
  const modules: Record<string, Record<string, unknown>> = {};
  for (const name of names) modules[name] = await importModule(root, from, name);
  return { name: root.split(/[\\/]/).pop() ?? root, manifest: text, modules };
}

async function importModule(root: string, from: 'src' | 'dist', name: string): Promise<Record<string, unknown>> {
  const candidates = from === 'dist' ? [`dist/${name}.js`, `dist/${name}.mjs`, `dist/${name}.cjs`] : [`src/${name}.ts`, `src/${name}.tsx`, `src/${name}.js`, `src/${name}.mts`];
  const file = candidates.map((c) => join(root, c)).find((p) => existsSync(p));
  if (file === undefined) throw new ManifestError(`no module '${name}' under ${join(root, from)}`);
  const url = pathToFileURL(file).href;
  const needsTsx = /\.(ts|tsx|mts)$/.test(file) && process.env.VITEST === undefined;
  if (needsTsx) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  const ns = (await import(url)) as Record<string, unknown>;
  // A CommonJS bundle (Forge's webpack output, `dist/index.cjs`) exports through module.exports, which
  // Node's import() only exposes as `default` when it cannot detect the names statically.
  return file.endsWith('.cjs') && typeof ns.default === 'object' && ns.default !== null ? (ns.default as Record<string, unknown>) : ns;
}
