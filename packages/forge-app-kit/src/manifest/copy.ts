import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

const copies: string[] = [];

/**
 * Writes `manifest` as manifest.yml into a fresh temporary folder whose src/ (and ui/, when the app has
 * one) links to `<appDir>/src`
 * (so handler files resolve as they do for the app), and returns the file's path.
 */
export async function writeManifestCopy(appDir: string, manifest: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'manifest-'));
  copies.push(dir);
  await symlink(path.join(path.resolve(appDir), 'src'), path.join(dir, 'src'));
  // Custom UI resources (manifest `resources[].path`, e.g. ui/dist) must exist beside the manifest.
  if (existsSync(path.join(path.resolve(appDir), 'ui'))) await symlink(path.join(path.resolve(appDir), 'ui'), path.join(dir, 'ui'));
  const file = path.join(dir, 'manifest.yml');
  await writeFile(file, stringify(manifest));
  return file;
}

/** Removes every folder writeManifestCopy made so far. */
export async function removeManifestCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
