import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CiError } from '../errors.js';
import type { AppRef } from './select.js';
import { isNullRef, selectApps } from './select.js';

const run = promisify(execFile);

export interface ChangedAppsOptions {
  /** Repository root (the turbo workspace). */
  cwd: string;
  /** Commit to compare with: the apps whose files or workspace dependencies changed since it. */
  base: string;
  /** Compare up to this commit instead of the work tree (turbo's `[base...head]`). */
  head?: string;
  /** The turbo executable; default `<cwd>/node_modules/.bin/turbo`. */
  turbo?: string;
}

export interface ChangedApps {
  apps: AppRef[];
  /** Why every app was selected instead, when the base could not be compared with. */
  all?: string;
}

/**
 * The apps to deploy for the changes since `base`, chosen by turbo's `...[base]` filter (changed
 * packages and their dependents: lockfile and global-file changes count too). When `base` is the
 * all-zero id or not a commit of this clone, every app is selected, with the reason.
 */
export async function changedApps(options: ChangedAppsOptions): Promise<ChangedApps> {
  const { cwd, base } = options;
  const turbo = options.turbo ?? path.join(cwd, 'node_modules', '.bin', 'turbo');
  const ls = async (filter: string): Promise<AppRef[]> => {
    const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
    const { stdout } = await run(turbo, ['ls', `--filter=${filter}`, '--output=json'], { cwd, env }).catch((cause: unknown) => {
      throw new CiError('CI_GIT_FAILED', `turbo ls --filter=${filter} failed in ${cwd}`, { cause });
    });
    return selectApps(stdout);
  };
  if (isNullRef(base)) return { apps: await ls('./apps/*'), all: `no base commit (${base}): every app` };
  const known = await run('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd }).then(
    () => true,
    () => false,
  );
  if (!known) return { apps: await ls('./apps/*'), all: `${base} is not a commit of this clone (shallow fetch?): every app` };
  return { apps: await ls(options.head ? `...[${base}...${options.head}]` : `...[${base}]`) };
}
