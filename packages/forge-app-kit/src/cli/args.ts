import path from 'node:path';

export const USAGE = 'usage: forge-bundle <appDir> [--out <dir>] [--json]';

export interface BundleArgs { appDir: string; outDir: string; json: boolean }

/** Parses `forge-bundle <appDir> [--out <dir>] [--json]` (argv without node and the script); a TypeError on bad usage. */
export function parseBundleArgs(args: readonly string[]): BundleArgs {
  let appDir: string | undefined;
  let outDir: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--out') {
      outDir = args[++i];
      if (outDir === undefined || outDir.startsWith('--')) throw new TypeError(`--out needs a folder\n${USAGE}`);
    } else if (arg.startsWith('--')) throw new TypeError(`unknown option ${arg}\n${USAGE}`);
    else if (appDir === undefined) appDir = arg;
    else throw new TypeError(`one app folder only, got ${appDir} and ${arg}\n${USAGE}`);
  }
  if (appDir === undefined) throw new TypeError(USAGE);
  return { appDir, outDir: outDir ?? path.join(appDir, 'dist', 'forge-bundle'), json };
}
