import { manifestPermissionsChanged } from '../changes/scopes-changed.js';

// permissions-changed <appPath> <base>: prints `true` when <appPath>/manifest.yml asks for other
// permissions than at <base> (then `forge install --upgrade` must run), else `false`.
const [appPath, base, ...rest] = process.argv.slice(2);
if (appPath === undefined || base === undefined || rest.length > 0) {
  console.error('usage: permissions-changed <app-path> <base-commit>');
  process.exit(2);
}
try {
  console.log(String(await manifestPermissionsChanged({ cwd: process.cwd(), appPath, base })));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
