import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StatsigService } from '@forge/cli-shared';
import type { LintResult } from '@forge/lint';
import { LintResult as Result, PermissionLinter, getClientSideLintersOnly, lint, parseSourceFile, problemCount } from '@forge/lint';
import type { ManifestSchema } from '@forge/manifest';
import { parse } from 'yaml';
import { CiError } from '../errors.js';
import { OfflineStatsig } from './offline-statsig.js';
import { specDir, usePinnedSpecs } from './pinned-specs.js';
import { shareSchemaCompiles } from './shared-schema-compile.js';
import { sourceFiles } from './source-files.js';
import type { ProductCall } from './unpinned.js';
import { unpinnedCalls } from './unpinned.js';

/** What one offline `forge lint` of an app found. */
export interface AppLintReport {
  results: LintResult[];
  errors: number;
  warnings: number;
  /** Source files under src/ (relative to the app), and those the linters parsed (`tsconfig.json`'s include decides). */
  files: string[];
  parsed: string[];
  /** Linters that crashed (`@forge/lint` logs these as warnings and carries on; here they fail). */
  linterFailures: string[];
  /** Everything `@forge/lint` logged. */
  log: string[];
  ok: boolean;
}

export interface LintAppOptions {
  /** Forge environment named in messages; default `development`. */
  environment?: string;
  /** Folder of the pinned OpenAPI subsets; default `packages/ci/openapi/`. */
  specs?: string;
}

/** The fields of `PermissionLinter` read after a run (`@forge/lint` 6.3.1, out/lint/base-linter.js and permission-linter.js). */
interface PermissionLinterState {
  matches: Map<string, Record<string, ProductCall[] | undefined>>;
  jira?: Map<RegExp, unknown>;
  confluence?: Map<RegExp, unknown>;
  bitbucket?: Map<RegExp, unknown>;
}

const PRODUCTS = ['jira', 'confluence', 'bitbucket'] as const;

/**
 * Runs every client-side linter of `@forge/lint` (what `forge lint` runs before its server-side
 * check) on the app in `appDir`, offline and without a login: feature flags answer their defaults
 * and the permission linter reads the pinned OpenAPI subsets. The linters read `manifest.yml` and
 * `tsconfig.json` from the working directory, so this changes into `appDir` for the run.
 */
export async function lintApp(appDir: string, options: LintAppOptions = {}): Promise<AppLintReport> {
  const { environment = 'development', specs = specDir } = options;
  const dir = path.resolve(appDir);
  const manifestText = await readFile(path.join(dir, 'manifest.yml'), 'utf8').catch((cause: unknown) => {
    throw new CiError('CI_BAD_MANIFEST', `no manifest.yml in ${dir}`, { cause });
  });
  const manifest = parseManifest(manifestText);
  const log: string[] = [];
  const logger = { info: (line: string) => void log.push(line) };
  usePinnedSpecs(specs);
  shareSchemaCompiles();
  const previous = process.cwd();
  process.chdir(dir);
  try {
    // OfflineStatsig is a StatsigReader, all the linters call; StatsigService only adds the network client.
    const statsig = new OfflineStatsig() as unknown as StatsigService;
    const linters = await getClientSideLintersOnly(manifest, environment, logger, statsig);
    const files = await sourceFiles('.');
    const parsed: string[] = [];
    const parseFunction: typeof parseSourceFile = (file, ...rest) => {
      parsed.push(file);
      return parseSourceFile(file, ...rest);
    };
    const results = await lint(files, manifest, environment, logger, statsig, { linter: { mode: 'client-side' }, linters, parseFunction });
    const permission = linters.find((linter) => linter instanceof PermissionLinter);
    const unpinned = permission ? unpinnedResults(permission as unknown as PermissionLinterState) : [];
    const all = [...results, ...unpinned];
    for (const result of all) result.file = path.resolve(dir, result.file);
    const counts = problemCount(all);
    const linterFailures = log.filter((line) => line.includes('Could not perform some linting actions'));
    if (files.length > 0 && parsed.length === 0) {
      // `forge lint` keeps a .ts file only if tsconfig.json's include globs list it: `"src"` lists the folder, no file.
      linterFailures.push(`no source file was linted: tsconfig.json's "include" lists none of ${files.join(', ')} (use globs such as "src/**/*")`);
    }
    return {
      results: all,
      files,
      parsed: parsed.sort(),
      errors: counts.errors + counts.approvals,
      warnings: counts.warnings,
      linterFailures,
      log,
      ok: counts.errors + counts.approvals === 0 && linterFailures.length === 0,
    };
  } finally {
    process.chdir(previous);
  }
}

function parseManifest(text: string): ManifestSchema {
  try {
    const parsed: unknown = parse(text);
    // A manifest that is YAML but not an object is the full-manifest linter's to report.
    return (typeof parsed === 'object' && parsed !== null ? parsed : {}) as ManifestSchema;
  } catch (cause) {
    throw new CiError('CI_BAD_MANIFEST', `manifest.yml is not YAML: ${(cause as Error).message}`, { cause });
  }
}

function unpinnedResults(state: PermissionLinterState): LintResult[] {
  if (!(state.matches instanceof Map) || PRODUCTS.some((product) => !(state[product] instanceof Map))) {
    throw new CiError('CI_LINT_FAILED', "@forge/lint's PermissionLinter no longer has the fields read here; re-check unpinnedResults against its out/");
  }
  const pinned = new Map(PRODUCTS.map((product) => [product, [...(state[product]?.keys() ?? [])]]));
  return [...state.matches].flatMap(([file, matches]) => {
    const calls = PRODUCTS.flatMap((product) => matches[product] ?? []);
    const rules = unpinnedCalls(calls, pinned);
    if (rules.length === 0) return [];
    const result = new Result(file);
    result.batchAdd(...rules);
    return [result];
  });
}
