import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { changedApps } from '../changes/changed-apps.js';
import { productOf } from '../changes/product.js';

// changed-apps <base>: JSON array of { name, path, product } for the apps to deploy (a GitHub Actions
// matrix), run from the repository root. Why every app was chosen, if so, goes to stderr.
const [base, ...rest] = process.argv.slice(2);
if (base === undefined || rest.length > 0 || base.startsWith('-')) {
  console.error('usage: changed-apps <base-commit>');
  process.exit(2);
}
try {
  const cwd = process.cwd();
  const { apps, all } = await changedApps({ cwd, base });
  if (all) console.error(`changed-apps: ${all}`);
  const withProduct = await Promise.all(
    apps.map(async (app) => ({ ...app, product: productOf(await readFile(path.join(cwd, app.path, 'manifest.yml'), 'utf8')) ?? '' })),
  );
  console.log(JSON.stringify(withProduct));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
