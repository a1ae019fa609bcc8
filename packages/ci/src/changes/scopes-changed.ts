import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { isNullRef } from './select.js';
import { permissionsChanged } from './scopes.js';

const run = promisify(execFile);

/**
 * Whether `<appPath>/manifest.yml` in the work tree asks for other permissions than at commit
 * `base` (`git show base:<appPath>/manifest.yml`); true when there is no base or no manifest then.
 */
export async function manifestPermissionsChanged(options: { cwd: string; appPath: string; base: string }): Promise<boolean> {
  const { cwd, appPath, base } = options;
  const file = `${appPath.replace(/\/$/, '')}/manifest.yml`;
  const after = await readFile(path.join(cwd, file), 'utf8');
  if (isNullRef(base)) return true;
  const before = await run('git', ['show', `${base}:${file}`], { cwd, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    () => undefined,
  );
  return permissionsChanged(before, after);
}
