import { readdir } from 'node:fs/promises';
import path from 'node:path';

const SOURCE = /\.(ts|tsx|js|jsx)$/;

/** The app's source files under `src/` (relative to `appDir`, `/`-separated), as `forge lint` lints them. */
export async function sourceFiles(appDir: string): Promise<string[]> {
  const entries = await readdir(path.join(appDir, 'src'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(appDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
