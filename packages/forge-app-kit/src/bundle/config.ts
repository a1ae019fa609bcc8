// The webpack configuration of @forge/bundler's NodeBundler (7.3.0, out/runtime.js and
// out/config/common.js), rebuilt because @forge/bundler cannot run offline.
import { createRequire } from 'node:module';
import path from 'node:path';
import webpack, { type Configuration } from 'webpack';

const require = createRequire(import.meta.url);

const BABEL_PLUGINS = [
  '@babel/plugin-transform-numeric-separator',
  '@babel/plugin-transform-class-static-block',
  '@babel/plugin-transform-class-properties',
  '@babel/plugin-transform-optional-chaining',
];

export interface ForgeWebpackOptions {
  appDir: string;
  outDir: string;
  /** Handler modules: one entry each, `src/<name>`. */
  modules: string[];
}

/**
 * entry one per handler module; target 'node18', production without minimizer, source maps;
 * CommonJS library output `[name].cjs`; extensions .ts .tsx .js .jsx .json .cjs and NO
 * extensionAlias (NodeNext `./x.js` imports of .ts files fail, as in `forge deploy`); ts-loader with
 * the app's tsconfig.json (type-checks) and babel-loader outside node_modules.
 */
export function forgeWebpackConfig({ appDir, outDir, modules }: ForgeWebpackOptions): Configuration {
  const entry = Object.fromEntries(modules.map((name) => [name, path.resolve(appDir, 'src', name)]));
  const babelOptions = { plugins: BABEL_PLUGINS.map((name) => require.resolve(name)), cacheDirectory: false, babelrc: false, configFile: false };
  return {
    name: 'node-runtime',
    context: appDir,
    entry,
    target: 'node18',
    mode: 'production',
    optimization: { minimize: false },
    devtool: 'source-map',
    // clean: a file left by an older build (a `dist/index.js` beside the new `index.cjs`) would be
    // loaded in its place by a loader that prefers `.js`.
    output: { libraryTarget: 'commonjs', globalObject: 'this', filename: '[name].cjs', path: outDir, clean: true },
    node: { __dirname: true },
    performance: false,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx', '.json', '.cjs'] },
    resolveLoader: { modules: require.resolve.paths('babel-loader') ?? [] },
    plugins: [
      new webpack.IgnorePlugin({ resourceRegExp: /^encoding$/, contextRegExp: /node-fetch/ }),
      new webpack.IgnorePlugin({ resourceRegExp: /^(bufferutil|utf-8-validate)$/, contextRegExp: /ws\/lib$/ }),
      new webpack.IgnorePlugin({ resourceRegExp: /^dtrace-provider$/, contextRegExp: /bunyan$/ }),
    ],
    module: {
      rules: [
        { test: /\.jsx?$/, exclude: /node_modules/, use: [{ loader: require.resolve('babel-loader'), options: babelOptions }] },
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
