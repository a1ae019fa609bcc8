// A copy of this app for the dev server: its own manifest.yml beside links to src/, dist/ (the Forge
// bundle `pnpm build` makes) and ui/, so a test can deploy a broken manifest first and the fixed one
// after, keeping the site's store.
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('../..', import.meta.url));

export function appCopy(manifest: string): { dir: string; setManifest(text: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jira-app-dev-'));
  symlinkSync(join(APP, 'src'), join(dir, 'src'));
  symlinkSync(join(APP, 'ui'), join(dir, 'ui'));
  symlinkSync(join(APP, 'dist'), join(dir, 'dist'));
  copyFileSync(join(APP, 'package.json'), join(dir, 'package.json'));
  const setManifest = (text: string): void => {
    writeFileSync(join(dir, 'manifest.yml'), text);
  };
  setManifest(manifest);
  return { dir, setManifest };
}
