import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webpack, { type Configuration, type StatsCompilation } from 'webpack';
import { parse } from 'yaml';
import { ForgeBundleError } from '../errors.js';
import { forgeWebpackConfig } from './config.js';
import { handlerModules } from './handlers.js';
import { bundledPackages, localModules, type StatsModule } from './stats.js';

export interface BundleResult {
  outDir: string;
  /** Bundle file per handler module (`index` -> <outDir>/index.cjs). */
  files: Record<string, string>;
  bytes: number;
  ms: number;
  /** npm packages webpack pulled into the bundle. */
  packages: string[];
  /** Modules bundled from outside node_modules, as webpack names them relative to the app (`./src/index.ts`). */
  localModules: string[];
  warnings: string[];
}

function run(config: Configuration): Promise<StatsCompilation> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) {
        reject(new ForgeBundleError('KIT_BUNDLE_FAILED', error.message, { cause: error }));
        return;
      }
      if (!stats) {
        reject(new ForgeBundleError('KIT_BUNDLE_FAILED', 'webpack returned no stats'));
        return;
      }
      const info = stats.toJson({ all: false, errors: true, warnings: true, modules: true, nestedModules: true });
      if (stats.hasErrors()) {
        reject(new ForgeBundleError('KIT_BUNDLE_FAILED', `bundling failed:\n${(info.errors ?? []).map((e) => e.message).join('\n')}`));
        return;
      }
      resolve(info);
    });
  });
}

/** Bundles the Forge app in `appDir` as `forge deploy` does, into `outDir` (default: a fresh temporary folder). */
export async function bundleApp(appDir: string, options: { outDir?: string } = {}): Promise<BundleResult> {
  const dir = path.resolve(appDir);
  const modules = handlerModules(parse(await readFile(path.join(dir, 'manifest.yml'), 'utf8')));
  const outDir = options.outDir ? path.resolve(options.outDir) : await mkdtemp(path.join(tmpdir(), 'forge-bundle-'));
  const started = performance.now();
  const info = await run(forgeWebpackConfig({ appDir: dir, outDir, modules }));
  const ms = Math.round(performance.now() - started);
  const files = Object.fromEntries(modules.map((name) => [name, path.join(outDir, `${name}.cjs`)]));
  let bytes = 0;
  for (const file of Object.values(files)) bytes += (await stat(file)).size;
  const statsModules = (info.modules ?? []) as StatsModule[];
  return {
    outDir,
    files,
    bytes,
    ms,
    packages: bundledPackages(statsModules),
    localModules: localModules(statsModules),
    warnings: (info.warnings ?? []).map((w) => w.message),
  };
}
