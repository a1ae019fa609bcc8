import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

/**
 * Copies into `cacheDir` the entries of the work tree's local turbo cache (`.turbo/cache`) for the
 * build tasks `turbo run build --filter=<filter>` would run in the workspace copy `copyDir`. A task
 * whose inputs are the same in the copy has the same hash (the copy is a git checkout of the same
 * files), so turbo restores its outputs; the others are built. A work tree with no cache copies nothing.
 */
export async function seedTurboCache(copyDir: string, cacheDir: string, filters: string[]): Promise<number> {
  await mkdir(cacheDir, { recursive: true });
  const source = path.join(repoRoot, '.turbo', 'cache');
  if (!existsSync(source)) return 0;
  const turbo = path.join(repoRoot, 'node_modules', '.bin', 'turbo');
  const args = ['run', 'build', ...filters.map((filter) => `--filter=${filter}`), '--dry=json'];
  const { stdout } = await run(turbo, args, { cwd: copyDir, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const hashes = new Set((JSON.parse(stdout) as { tasks: { hash: string }[] }).tasks.map((task) => task.hash));
  const entries = (await readdir(source)).filter((file) => hashes.has(file.replace(/(-meta\.json|-manifest\.json|\.tar\.zst)$/, '')));
  for (const file of entries) await copyFile(path.join(source, file), path.join(cacheDir, file));
  return entries.length;
}
