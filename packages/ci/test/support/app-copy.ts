import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot } from './paths.js';

/** The parts of the apps' manifest.yml the tests change. */
export interface AppManifest {
  app: { runtime: { name: string } };
  modules: { function: { timeoutSeconds?: number }[]; consumer: { function: string }[] };
  permissions: { scopes: string[] };
}

export interface AppCopyOptions {
  /** Changes the parsed manifest.yml in place before it is written. */
  manifest?: (manifest: AppManifest) => void;
  /** Appended to src/index.ts. */
  appendSource?: string;
  /** tsconfig.json's include; default the app's own. */
  include?: string[];
}

/** A throwaway copy of an app (manifest.yml, src/, tsconfig.json) in a temporary folder; `dispose()` removes it. */
export async function copyApp(appDir: string, options: AppCopyOptions = {}): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ci-app-'));
  await cp(path.join(appDir, 'src'), path.join(dir, 'src'), { recursive: true });
  // Custom UI resources (manifest `resources[].path`, e.g. ui/dist, built by the app's build) must exist beside the manifest.
  if (existsSync(path.join(appDir, 'ui'))) await symlink(path.join(appDir, 'ui'), path.join(dir, 'ui'));
  const manifest = parse(await readFile(path.join(appDir, 'manifest.yml'), 'utf8')) as AppManifest;
  options.manifest?.(manifest);
  await writeFile(path.join(dir, 'manifest.yml'), stringify(manifest));
  const tsconfig = JSON.parse(await readFile(path.join(appDir, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
  tsconfig.extends = path.join(repoRoot, 'tsconfig.base.json');
  if (options.include) tsconfig.include = options.include;
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  if (options.appendSource) {
    const index = path.join(dir, 'src', 'index.ts');
    await writeFile(index, `${await readFile(index, 'utf8')}\n${options.appendSource}\n`);
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
