import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apps } from './support/paths.js';
import { seedTurboCache } from './support/turbo-cache.js';
import { forgeStandIn, workspaceCopy } from './support/workspace-copy.js';

const run = promisify(execFile);

interface ForgeCall {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  existed: Record<string, boolean>;
}

let ws: Awaited<ReturnType<typeof workspaceCopy>>;
let forge: Awaited<ReturnType<typeof forgeStandIn>>;
let scratch: string;

beforeAll(async () => {
  [ws, forge, scratch] = await Promise.all([workspaceCopy(), forgeStandIn(), mkdtemp(path.join(tmpdir(), 'ci-deploy-'))]);
  // The copy's own turbo cache starts with the work tree's entries for the apps' builds (copied, so
  // nothing is written to the real one): a package or app whose files equal the work tree's, already
  // built by `pnpm test` before this test, is restored by turbo instead of built again; a changed
  // package, such as the broken library below, is built for real.
  await seedTurboCache(ws.dir, turboCache(), apps.map((app) => `@forge-queue/${app}...`));
});
afterAll(async () => {
  await Promise.all([ws.dispose(), forge.dispose(), rm(scratch, { recursive: true, force: true })]);
});

const turboCache = () => path.join(scratch, 'turbo-cache');
const library = () => path.join(ws.dir, 'packages/queued-storage/dist/index.js');

/** `pnpm run deploy <args>` in the copy's app folder, with the stand-in forge first on PATH. */
async function deploy(app: string, args: string[], record: string) {
  const appDir = path.join(ws.dir, 'apps', app);
  const env = {
    ...process.env,
    PATH: `${forge.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    FORGE_RECORD: record,
    FORGE_STANDIN_WATCH: [library(), path.join(appDir, 'dist')].join(':'),
    FORGE_EMAIL: 'ci@example.invalid',
    FORGE_API_TOKEN: 'token-from-the-environment',
    // One turbo cache for the copy's builds, never the real work tree's.
    TURBO_CACHE_DIR: turboCache(),
    TURBO_TELEMETRY_DISABLED: '1',
    CI: 'true',
  };
  // Killed before the test's own timeout, so no build is left writing into the copy.
  const options = { cwd: appDir, env, maxBuffer: 64 * 1024 * 1024, timeout: 540_000 };
  const result = await run('pnpm', ['run', 'deploy', ...args], options).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: unknown) => {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
    },
  );
  const calls = existsSync(record)
    ? (await readFile(record, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as ForgeCall)
    : [];
  return { ...result, calls, appDir };
}

describe('an app\'s "pnpm run deploy" against a stand-in forge', () => {
  test('a bad environment argument stops before the build, naming the rule', async () => {
    const { code, output, calls } = await deploy('jira-app', ['--prod'], path.join(scratch, 'bad-env.jsonl'));
    expect(code).toBe(2);
    expect(output).toMatch(/must be a Forge environment name.*got '--prod'/);
    expect(calls).toEqual([]);
    expect(existsSync(library())).toBe(false);
  });

  test.each(apps)('%s: builds the library and the app first, then forge deploy --non-interactive -e <env>', async (app) => {
    const { code, output, calls, appDir } = await deploy(app, ['staging', '--verbose'], path.join(scratch, `${app}.jsonl`));
    expect(output).toContain(`forge deploy @forge-queue/${app} to staging`);
    expect(code).toBe(0);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.argv).toEqual(['deploy', '--non-interactive', '-e', 'staging', '--verbose']);
    expect(call!.cwd).toBe(appDir);
    expect(call!.env).toEqual({ FORGE_EMAIL: 'ci@example.invalid', FORGE_API_TOKEN: 'token-from-the-environment' });
    expect(call!.existed).toEqual({ [library()]: true, [path.join(appDir, 'dist')]: true });
  });

  test('the environment defaults to development', async () => {
    const { code, calls } = await deploy('jira-app', [], path.join(scratch, 'default.jsonl'));
    expect(code).toBe(0);
    expect(calls.map((call) => call.argv)).toEqual([['deploy', '--non-interactive', '-e', 'development']]);
  });

  test('a library that does not build stops the deploy: forge is never called', async () => {
    await appendFile(path.join(ws.dir, 'packages/queued-storage/src/index.ts'), '\nexport const broken: number = "not a number";\n');
    const { code, output, calls } = await deploy('confluence-app', ['production'], path.join(scratch, 'broken.jsonl'));
    expect(code).not.toBe(0);
    expect(output).toMatch(/error TS2322/);
    expect(calls).toEqual([]);
  });
});
