import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** Folder of a workspace app package (holds manifest.yml and dist/), for `emulator.loadApp`. */
export function appDir(packageName: string): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}
