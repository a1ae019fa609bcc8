import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CiError } from '../errors.js';
import { isNullRef } from './select.js';
import { permissionsChanged } from './scopes.js';

const run = promisify(execFile);

/**
 * Whether `<appPath>/manifest.yml` in the work tree (or at commit `head`) asks for other permissions than at commit
 * `base` (`git show base:<appPath>/manifest.yml`); true when there is no base or no manifest then.
 */
export async function manifestPermissionsChanged(options: { cwd: string; appPath: string; base: string; head?: string }): Promise<boolean> {
  const { cwd, appPath, base, head } = options;
  const file = `${appPath.replace(/\/$/, '')}/manifest.yml`;
  const show = (commit: string) =>
    run('git', ['show', `${commit}:${file}`], { cwd, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout }) => stdout,
      () => undefined,
    );
  const after = head === undefined ? await readFile(path.join(cwd, file), 'utf8') : await show(head);
  if (after === undefined) throw new CiError('CI_BAD_MANIFEST', `no ${file} at ${String(head)}`);
  if (isNullRef(base)) return true;
  return permissionsChanged(await show(base), after);
}
