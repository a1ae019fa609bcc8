import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { changedApps, manifestPermissionsChanged } from '../src/index.js';
import { gitWorkspace } from './support/git-workspace.js';
import { repoRoot } from './support/paths.js';

const turbo = `${repoRoot}node_modules/.bin/turbo`;
let ws: Awaited<ReturnType<typeof gitWorkspace>>;
const commits: Record<string, string> = {};

// One history, built once: each commit changes one thing; each case compares a commit with its parent.
beforeAll(async () => {
  ws = await gitWorkspace();
  commits.workspace = ws.first;
  commits.lib = await ws.commit('library changes', { 'packages/lib/index.js': 'export const x = 2;\n' });
  commits.standalone = await ws.commit('one app changes', { 'apps/standalone/index.js': 'export {};\n' });
  commits.readme = await ws.commit('docs only', { 'README.md': '# workspace, documented\n' });
  commits.scopes = await ws.commit('uses-lib asks for a new scope', {
    'apps/uses-lib/manifest.yml': ws.manifest('jira', ['storage:app', 'read:jira-work', 'write:jira-work']),
  });
  commits.reorder = await ws.commit('standalone: same scopes, other order', {
    'apps/standalone/manifest.yml': ws.manifest('confluence', ['storage:app']).replace('storage:app', 'storage:app\n    - read:confluence-content.summary'),
  });
  commits.reorder2 = await ws.commit('standalone: the same two scopes swapped', {
    'apps/standalone/manifest.yml': ws.manifest('confluence', ['read:confluence-content.summary', 'storage:app']),
  });
});
afterAll(() => ws.dispose());

const names = async (base: string, head?: string) =>
  (await changedApps({ cwd: ws.dir, base, turbo, ...(head ? { head } : {}) })).apps.map((app) => app.name);

describe('changedApps (turbo ...[base] on a real git history)', () => {
  test.each([
    ['a library change selects the app that depends on it, not the other', 'lib', ['uses-lib']],
    ["an app's own change selects that app only", 'standalone', ['standalone']],
    ['a change outside every package selects no app', 'readme', []],
    ["a manifest change selects its app", 'scopes', ['uses-lib']],
  ])('%s', async (_name, commit, expected) => {
    expect(await names(`${commits[commit]!}^`, commits[commit])).toEqual(expected);
  });

  test('since a base, against the work tree: the union of the later commits, apps only (never the library itself)', async () => {
    expect(await names(commits.workspace!)).toEqual(['standalone', 'uses-lib']);
  });

  test.each([
    ['the all-zero id of a first push', '0000000000000000000000000000000000000000', /no base commit/],
    ['a commit this clone does not have', '1234567890abcdef1234567890abcdef12345678', /not a commit of this clone/],
  ])('every app, with the reason, for %s', async (_name, base, reason) => {
    const result = await changedApps({ cwd: ws.dir, base, turbo });
    expect(result.apps.map((app) => app.path)).toEqual(['apps/standalone', 'apps/uses-lib']);
    expect(result.all).toMatch(reason);
  });
});

describe('manifestPermissionsChanged (git show <base>:manifest.yml)', () => {
  test.each([
    ['a new scope', 'apps/uses-lib', 'scopes', true],
    ['a library change', 'apps/uses-lib', 'lib', false],
    ['a second scope added', 'apps/standalone', 'reorder', true],
    ['the same scopes in another order', 'apps/standalone', 'reorder2', false],
  ])('%s in %s: %s', async (_name, appPath, commit, expected) => {
    const base = `${commits[commit]!}^`;
    expect(await manifestPermissionsChanged({ cwd: ws.dir, appPath, base, head: commits[commit]! })).toBe(expected);
  });

  test('no base commit counts as changed (a first deploy installs)', async () => {
    expect(await manifestPermissionsChanged({ cwd: ws.dir, appPath: 'apps/standalone', base: '0000000000000000000000000000000000000000' })).toBe(true);
  });
});
