import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

/**
 * A copy of this repository's files (tracked and new, not ignored: no dist/, no .turbo/) in a
 * temporary folder, with node_modules made of links to the installed packages, except that the
 * workspace's own packages (`@forge-queue/*`) link to the copy's, so a build in the copy builds
 * and uses the copy's packages; committed to a fresh git repository in the copy. Nothing of the real
 * work tree is written.
 */
export async function workspaceCopy(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ci-ws-'));
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const files = stdout.split('\0').filter((file) => file !== '' && existsSync(path.join(repoRoot, file)));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await cp(path.join(repoRoot, file), path.join(dir, file));
  }
  const packageDirs = [...new Set(files.filter((file) => path.basename(file) === 'package.json').map((file) => path.dirname(file)))];
  const workspace = new Map<string, string>();
  for (const pkg of packageDirs) {
    const { name } = JSON.parse(await readFile(path.join(dir, pkg, 'package.json'), 'utf8')) as { name: string };
    workspace.set(name, path.join(dir, pkg));
  }
  for (const pkg of packageDirs) await linkNodeModules(path.join(repoRoot, pkg, 'node_modules'), path.join(dir, pkg, 'node_modules'), workspace);
  // A checkout, as CI deploys from: turbo then hashes the files git lists (as in the real work tree, so
  // a task's hash is the same in both) instead of walking the linked node_modules.
  const git = (...args: string[]) => run('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '--no-verify', '-m', 'workspace copy');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 }) };
}

async function linkNodeModules(real: string, copy: string, workspace: Map<string, string>): Promise<void> {
  if (!existsSync(real)) return;
  await mkdir(copy, { recursive: true });
  for (const entry of await readdir(real)) {
    if (entry.startsWith('@')) {
      await mkdir(path.join(copy, entry), { recursive: true });
      for (const scoped of await readdir(path.join(real, entry))) {
        const name = `${entry}/${scoped}`;
        await symlink(workspace.get(name) ?? path.join(real, entry, scoped), path.join(copy, entry, scoped));
      }
    } else {
      await symlink(path.join(real, entry), path.join(copy, entry));
    }
  }
}

/**
 * A stand-in `forge` executable in its own folder (put it first on PATH): it appends one JSON line
 * per call to `$FORGE_RECORD` with its arguments, working directory, the Forge credentials it was
 * given, and whether each file named in `$FORGE_STANDIN_WATCH` (`:`-separated) existed at the call.
 */
export async function forgeStandIn(): Promise<{ binDir: string; dispose: () => Promise<void> }> {
  const binDir = await mkdtemp(path.join(tmpdir(), 'ci-forge-'));
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const watch = (process.env.FORGE_STANDIN_WATCH || '').split(':').filter(Boolean);
fs.appendFileSync(process.env.FORGE_RECORD, JSON.stringify({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: { FORGE_EMAIL: process.env.FORGE_EMAIL, FORGE_API_TOKEN: process.env.FORGE_API_TOKEN },
  existed: Object.fromEntries(watch.map((file) => [file, fs.existsSync(file)])),
}) + '\\n');
`;
  await writeFile(path.join(binDir, 'forge'), script);
  await chmod(path.join(binDir, 'forge'), 0o755);
  return { binDir, dispose: () => rm(binDir, { recursive: true, force: true }) };
}
