import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { unpinnedActions, validateWorkflowDir, workflowProblems } from '../src/index.js';
import { repoRoot } from './support/paths.js';

const workflowsDir = `${repoRoot}.github/workflows`;
const text = (name: string) => readFile(`${workflowsDir}/${name}`, 'utf8');

// Loosely typed views of the parts of each workflow the tests read.
interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  environment?: string;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}
const workflow = async (name: string) => parse(await text(name)) as Workflow;
const runs = (job: Job | undefined) => (job?.steps ?? []).map((step) => step.run ?? '').join('\n');

test('every workflow passes the GitHub workflow schema with its actions pinned by version', async () => {
  const { files, problems } = await validateWorkflowDir(workflowsDir);
  expect(files).toEqual(['ci.yml', 'deploy.yml', 'release.yml']);
  expect(problems).toEqual([]);
});

describe('validation fails a broken workflow', () => {
  test.each([
    ['a job without runs-on', 'on: push\njobs:\n  a:\n    steps:\n      - run: echo\n', /OneOf conditions are not met at \/jobs\/a/],
    ['an unknown trigger', 'on: pushed\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n', /\/on/],
    ['an action on a moving tag', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n', /line 6: actions\/checkout@v4 is not pinned/],
  ])('%s', (_name, yaml, message) => {
    expect(workflowProblems('broken.yml', yaml).map((problem) => problem.message).join('\n')).toMatch(message);
  });

  test.each([
    ['actions/checkout@v4.2.2', []],
    ['actions/checkout@0123456789abcdef0123456789abcdef01234567', []],
    ['./.github/workflows/deploy.yml', []],
    ['actions/checkout@main', ['actions/checkout@main']],
    ['"pnpm/action-setup@v4"', ['pnpm/action-setup@v4']],
  ])('uses: %s', (uses, unpinned) => {
    expect(unpinnedActions(`steps:\n  - uses: ${uses} # comment\n`).map((action) => action.uses)).toEqual(unpinned);
  });
});

describe('ci.yml', () => {
  test("runs the README's test command on Node 20 and 22, with the pnpm store and turbo's cache restored", async () => {
    const readme = await readFile(`${repoRoot}README.md`, 'utf8');
    const testCommand = /^(pnpm test)\s+#/m.exec(readme)?.[1];
    const { jobs } = await workflow('ci.yml');
    expect(testCommand).toBe('pnpm test');
    expect(jobs.test?.strategy?.matrix?.node).toEqual([20, 22]);
    expect(runs(jobs.test).split('\n')).toContain(testCommand);
    const cached = (jobs.test?.steps ?? []).filter((step) => step.uses?.startsWith('actions/cache@')).map((step) => step.with?.path);
    expect(cached).toEqual(['${{ steps.pnpm-store.outputs.dir }}', '.turbo/cache']);
  });

  test('checks the changeset against the base branch on pull requests, with a clear message', async () => {
    const { jobs } = await workflow('ci.yml');
    expect(jobs.changeset?.if).toBe("github.event_name == 'pull_request'");
    expect(runs(jobs.changeset)).toMatch(/changeset status --since="origin\/\$BASE_REF"[\s\S]*::error title=Missing changeset::.*pnpm changeset/);
  });
});

describe('release.yml', () => {
  test('the changesets action publishes with provenance (id-token: write), never from a fork', async () => {
    const { jobs } = await workflow('release.yml');
    const release = jobs.release!;
    expect(release.if).toBe('github.event.repository.fork == false');
    expect(release.permissions).toMatchObject({ 'id-token': 'write', contents: 'write', 'pull-requests': 'write' });
    const action = release.steps?.find((step) => step.uses?.startsWith('changesets/action@'));
    expect(action?.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release', title: 'Version Packages' });
    expect(action?.env).toMatchObject({ NPM_CONFIG_PROVENANCE: 'true', RELEASE: '1' });
  });
});

describe('deploy.yml', () => {
  test('staging on main, production on a v* tag, by hand or after a release', async () => {
    const { on, jobs } = await workflow('deploy.yml');
    expect(on.push).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(Object.keys(on)).toEqual(['push', 'workflow_dispatch', 'workflow_call']);
    expect(runs(jobs.plan)).toMatch(/environment=production[\s\S]*environment=staging/);
    const release = await workflow('release.yml');
    expect(release.jobs['deploy-production']).toMatchObject({ uses: './.github/workflows/deploy.yml', with: { environment: 'production' } });
  });

  test('each changed app: pnpm run deploy <env> in the GitHub environment of that name, install --upgrade only on changed permissions', async () => {
    const { jobs } = await workflow('deploy.yml');
    expect(runs(jobs.plan)).toContain('bash scripts/changed-apps.sh "$BASE"');
    const deploy = jobs.deploy!;
    expect(deploy.environment).toBe('${{ needs.plan.outputs.environment }}');
    expect(deploy.strategy?.matrix?.app).toBe('${{ fromJSON(needs.plan.outputs.apps) }}');
    const script = runs(deploy);
    expect(script).toContain('pnpm --filter "$APP_NAME" run deploy "$ENVIRONMENT"');
    expect(deploy.steps?.find((step) => step.run?.includes('run deploy'))?.env).toEqual({ APP_NAME: '${{ matrix.app.name }}' });
    expect(script).toMatch(/permissions-changed\.sh "\$APP_PATH" "\$BASE"\)" != true[\s\S]*exit 0[\s\S]*forge install --upgrade --non-interactive/);
  });
});
