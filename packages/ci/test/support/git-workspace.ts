import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway pnpm + turbo workspace in a real git repository: `packages/lib`, `apps/uses-lib`
 * (depends on lib through `workspace:^`) and `apps/standalone`, each app with a manifest.yml.
 */
export async function gitWorkspace() {
  const dir = await mkdtemp(path.join(tmpdir(), 'ci-git-'));
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };
  const git = async (...args: string[]) =>
    (await run('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', '-c', 'commit.gpgsign=false', ...args], { cwd: dir })).stdout.trim();
  const commit = async (message: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) await write(file, text);
    await git('add', '-A');
    await git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const manifest = (product: string, scopes: string[]) =>
    `modules:\n  trigger:\n    - key: t\n      function: f\n      events:\n        - avi:${product}:created:issue\npermissions:\n  scopes:\n${scopes.map((s) => `    - ${s}`).join('\n')}\n`;
  await git('init', '-q', '-b', 'main');
  const first = await commit('workspace', {
    'package.json': JSON.stringify({ name: 'root', private: true, packageManager: 'pnpm@10.34.9' }),
    'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n',
    'turbo.json': JSON.stringify({ tasks: { build: {} } }),
    'README.md': '# workspace\n',
    'packages/lib/package.json': JSON.stringify({ name: 'lib', version: '1.0.0' }),
    'packages/lib/index.js': 'export const x = 1;\n',
    'apps/uses-lib/package.json': JSON.stringify({ name: 'uses-lib', version: '1.0.0', dependencies: { lib: 'workspace:^' } }),
    'apps/uses-lib/manifest.yml': manifest('jira', ['storage:app', 'read:jira-work']),
    'apps/standalone/package.json': JSON.stringify({ name: 'standalone', version: '1.0.0' }),
    'apps/standalone/manifest.yml': manifest('confluence', ['storage:app']),
  });
  return { dir, first, commit, manifest, dispose: () => rm(dir, { recursive: true, force: true }) };
}
