// `forge-bundle <appDir> [--out <dir>] [--json]`: bundle a Forge app's src/ as `forge deploy` does,
// offline, and print a summary (entries, bytes, milliseconds, bundled packages). Exit code 1 on a
// bundling error, 2 on bad usage.
import { bundleApp } from '../bundle/bundle.js';
import { parseBundleArgs } from './args.js';

async function main(args: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseBundleArgs(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  const result = await bundleApp(options.appDir, { outDir: options.outDir });
  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const [name, file] of Object.entries(result.files)) console.log(`bundle ${name}: ${file}`);
  console.log(`bundle size ${(result.bytes / 1024).toFixed(1)} KiB, webpack ${result.ms} ms`);
  console.log(`packages: ${result.packages.join(', ')}`);
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
