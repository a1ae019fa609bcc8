#!/usr/bin/env node
/* global console, performance, process -- Node globals; the repo's eslint config declares none for .mjs */
// Bundle a Forge app's `src/` the way `forge deploy` does, offline.
//
// `@forge/bundler` itself cannot run here: it depends on `@forge/cli-shared` (keytar, a native
// module) and downloads the Node runtime wrapper from Atlassian's CDN. This script rebuilds the
// webpack configuration of its NodeBundler (@forge/bundler 7.3.0, out/runtime.js and
// out/config/common.js) with the same webpack version and loaders:
//   entry       one per handler module named in manifest.yml (`index.x` -> src/index)
//   target      'node18', mode production, no minimizer, source maps
//   output      CommonJS library (`libraryTarget: 'commonjs'`), `[name].cjs`
//   resolve     extensions .ts .tsx .js .jsx .json .cjs, no extensionAlias, symlinks followed
//   rules       ts-loader on .ts(x) outside node_modules with the app's tsconfig.json (type-checks),
//               babel-loader (4 syntax plugins) on .js(x) outside node_modules,
//               `fullySpecified: false` for .mjs/.js
//
// Usage: node forge-bundle.mjs <appDir> [--out <dir>] [--json]
// Prints a summary (entries, bytes, milliseconds, bundled packages); exit code 1 on any error.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const webpack = require('webpack');
const { parse } = require('yaml');

const HANDLER = /^([\w/-]+)\.(\w+)$/;

/** Handler module names (`index` for `index.onIssueCreated`) named by the manifest's functions. */
export function handlerModules(manifest) {
  const functions = manifest?.modules?.function ?? [];
  const modules = new Set();
  for (const fn of functions) {
    const match = HANDLER.exec(String(fn.handler));
    if (!match) throw new Error(`[forge-bundle] function ${fn.key}: bad handler "${fn.handler}"`);
    modules.add(match[1]);
  }
  if (modules.size === 0) throw new Error('[forge-bundle] the manifest names no function handlers');
  return [...modules];
}

/** The webpack configuration @forge/bundler's NodeBundler builds, for `appDir`, into `outDir`. */
export function forgeWebpackConfig({ appDir, outDir, modules }) {
  const entry = Object.fromEntries(modules.map((name) => [name, path.resolve(appDir, 'src', name)]));
  const babelPlugins = [
    '@babel/plugin-transform-numeric-separator',
    '@babel/plugin-transform-class-static-block',
    '@babel/plugin-transform-class-properties',
    '@babel/plugin-transform-optional-chaining',
  ].map((name) => require.resolve(name));
  return {
    name: 'node-runtime',
    context: appDir,
    entry,
    target: 'node18',
    mode: 'production',
    optimization: { minimize: false },
    devtool: 'source-map',
    output: { libraryTarget: 'commonjs', globalObject: 'this', filename: '[name].cjs', path: outDir },
    node: { __dirname: true },
    performance: false,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx', '.json', '.cjs'] },
    resolveLoader: { modules: require.resolve.paths('babel-loader') ?? undefined },
    plugins: [
      new webpack.IgnorePlugin({ resourceRegExp: /^encoding$/, contextRegExp: /node-fetch/ }),
      new webpack.IgnorePlugin({ resourceRegExp: /^(bufferutil|utf-8-validate)$/, contextRegExp: /ws\/lib$/ }),
      new webpack.IgnorePlugin({ resourceRegExp: /^dtrace-provider$/, contextRegExp: /bunyan$/ }),
    ],
    module: {
      rules: [
        {
          test: /\.jsx?$/,
          exclude: /node_modules/,
          use: [{ loader: require.resolve('babel-loader'), options: { plugins: babelPlugins, cacheDirectory: false, babelrc: false, configFile: false } }],
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            {
              loader: require.resolve('ts-loader'),
              options: {
                compilerOptions: { jsx: 'react', jsxFactory: 'ForgeUI.createElement', sourceMap: true },
                configFile: path.join(appDir, 'tsconfig.json'),
                context: appDir,
                onlyCompileBundledFiles: true,
              },
            },
          ],
        },
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
      ],
    },
  };
}

function run(config) {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (!stats) return reject(new Error('[forge-bundle] webpack returned no stats'));
      const info = stats.toJson({ all: false, errors: true, warnings: true, modules: true, nestedModules: true });
      if (stats.hasErrors()) {
        return reject(new Error(`[forge-bundle] bundling failed:\n${info.errors.map((e) => e.message).join('\n')}`));
      }
      resolve(info);
    });
  });
}

/** Modules bundled from outside node_modules, relative to the app (Forge's `localModules`). */
function localModules(modules = []) {
  const names = new Set();
  const visit = (list) => {
    for (const m of list) {
      if (m.modules) visit(m.modules);
      const name = m.name ?? '';
      if (!name.includes('node_modules') && /\.[cm]?[jt]sx?$/.test(name) && !name.startsWith('webpack/')) names.add(name.replace(/ \+ \d+ modules$/, ''));
    }
  };
  visit(modules);
  return [...names].sort();
}

/** Node packages webpack pulled into the bundle (what Forge reports as `metadata.modules`). */
function bundledPackages(modules = []) {
  const names = new Set();
  const visit = (list) => {
    for (const m of list) {
      if (m.modules) visit(m.modules);
      // The last node_modules/ segment names the package (pnpm: node_modules/.pnpm/x@1/node_modules/x/).
      const match = /.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(m.name ?? '');
      if (match) names.add(match[1]);
    }
  };
  visit(modules);
  return [...names].sort();
}

/** Bundle the app in `appDir`. Resolves to { outDir, files: { [module]: path }, bytes, ms, packages, localModules, warnings }. */
export async function bundleApp(appDir, { outDir } = {}) {
  const dir = path.resolve(appDir);
  const manifest = parse(await readFile(path.join(dir, 'manifest.yml'), 'utf8'));
  const modules = handlerModules(manifest);
  const out = outDir ? path.resolve(outDir) : await mkdtemp(path.join(tmpdir(), 'forge-bundle-'));
  const started = performance.now();
  const info = await run(forgeWebpackConfig({ appDir: dir, outDir: out, modules }));
  const ms = Math.round(performance.now() - started);
  const files = Object.fromEntries(modules.map((name) => [name, path.join(out, `${name}.cjs`)]));
  let bytes = 0;
  for (const file of Object.values(files)) bytes += (await stat(file)).size;
  return {
    outDir: out,
    files,
    bytes,
    ms,
    packages: bundledPackages(info.modules),
    localModules: localModules(info.modules),
    warnings: info.warnings.map((w) => w.message),
  };
}

async function main(argv) {
  const args = argv.slice(2);
  const appDir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--out');
  if (!appDir) {
    console.error('usage: forge-bundle.mjs <appDir> [--out <dir>] [--json]');
    return 2;
  }
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? args[outIndex + 1] : path.join(appDir, 'dist', 'forge-bundle');
  const result = await bundleApp(appDir, { outDir });
  if (args.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const [name, file] of Object.entries(result.files)) console.log(`bundle ${name}: ${file}`);
    console.log(`bundle size ${(result.bytes / 1024).toFixed(1)} KiB, webpack ${result.ms} ms`);
    console.log(`packages: ${result.packages.join(', ')}`);
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
