import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { lintApp } from '../src/index.js';
import { PINNED_SPECS, specDir } from '../src/forge-lint/pinned-specs.js';
import type { AppManifest } from './support/app-copy.js';
import { copyApp } from './support/app-copy.js';
import { appDir, apps } from './support/paths.js';


const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function lintCopy(app: string, options: Parameters<typeof copyApp>[1], specs?: string) {
  const copy = await copyApp(appDir(app), options);
  cleanups.push(copy.dispose);
  return lintApp(copy.dir, specs ? { specs } : {});
}

const messages = (report: Awaited<ReturnType<typeof lintApp>>): string[] =>
  report.results.flatMap((result) => [...result.errors, ...result.approvals].map((rule) => rule.message));

describe.each(apps)('%s', (app) => {
  test('passes every client-side linter of @forge/lint, offline, with each source file parsed', async () => {
    const report = await lintApp(appDir(app));
    expect(messages(report)).toEqual([]);
    expect(report.linterFailures).toEqual([]);
    expect(report.parsed).toEqual(report.files);
    expect(report.files).toContain('src/index.ts');
    expect(report.ok).toBe(true);
  });

  test.each<[string, (manifest: AppManifest) => void, RegExp]>([
    ['a function timeout over 900 s', (m) => void (m.modules.function[1]!.timeoutSeconds = 901), /timeoutSeconds must be <= 900/],
    ['a consumer naming no function', (m) => void (m.modules.consumer[0]!.function = 'missing-fn'), /missing-fn/],
    ['the product event scope removed', (m) => void (m.permissions.scopes = ['storage:app']), /requires '(read:jira-work|read:confluence-content.summary)' scope/],
    ['a runtime Forge no longer deploys', (m) => void (m.app.runtime.name = 'nodejs18.x'), /runtime/i],
  ])('fails a manifest copy with %s', async (_name, breakIt, message) => {
    const report = await lintCopy(app, { manifest: breakIt });
    expect(report.ok).toBe(false);
    expect(messages(report).join('\n')).toMatch(message);
  });
});

describe('the permission linter on pinned specs', () => {
  const probe = "import api, { route } from '@forge/api';\nexport const probe = () => api.asApp().requestJira(route`/rest/api/3/issue/${'PRJ-1'}`);";

  test('a product call whose path is not pinned fails, naming the pinned folder', async () => {
    const report = await lintCopy('jira-app', { appendSource: probe });
    expect(report.ok).toBe(false);
    expect(messages(report).join('\n')).toMatch(/GET \/rest\/api\/3\/issue\/.*no path of the pinned jira spec matches.*packages\/ci\/openapi/);
  });

  test.each([
    ['passes when the pinned path needs a scope the manifest has', 'read:jira-work', true],
    ['fails when the pinned path needs a scope the manifest lacks', 'write:jira-work', false],
  ])('%s', async (_name, scope, ok) => {
    const specs = await mkdtemp(path.join(tmpdir(), 'ci-specs-'));
    cleanups.push(() => rm(specs, { recursive: true, force: true }));
    for (const file of Object.values(PINNED_SPECS)) await writeFile(path.join(specs, file), await readFile(path.join(specDir, file)));
    const operation = { 'x-atlassian-oauth2-scopes': [{ state: 'Current', scheme: 'OAuth2', type: 'oauth2', scopes: [scope] }] };
    // The app's own pinned paths stay; the probe's path is added with the scope under test.
    const jiraSpec = path.join(specs, PINNED_SPECS.LOCAL_JIRA_SWAGGER);
    const pinned = JSON.parse(await readFile(jiraSpec, 'utf8')) as { paths: Record<string, unknown> };
    await writeFile(jiraSpec, JSON.stringify({ ...pinned, paths: { ...pinned.paths, '/rest/api/3/issue/{issueIdOrKey}': { get: operation } } }));
    const report = await lintCopy('jira-app', { appendSource: probe }, specs);
    expect(report.ok).toBe(ok);
    expect(messages(report).some((message) => message.includes(scope))).toBe(!ok);
  });
});

test('a tsconfig.json whose include lists no source file fails instead of linting nothing', async () => {
  const report = await lintCopy('jira-app', { include: ['src'] });
  expect(report.parsed).toEqual([]);
  expect(report.ok).toBe(false);
  expect(report.linterFailures.join('\n')).toMatch(/no source file was linted.*src\/\*\*\/\*/);
});
