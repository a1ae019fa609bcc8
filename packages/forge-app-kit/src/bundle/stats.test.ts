import { describe, expect, test } from 'vitest';
import { bundledPackages, localModules } from './stats.js';

const MODULES = [
  { name: './src/index.ts + 3 modules', modules: [{ name: './src/index.ts' }, { name: '../../packages/lib/dist/index.js' }] },
  { name: '../../node_modules/.pnpm/@forge+kvs@1.6.5/node_modules/@forge/kvs/out/index.js' },
  { name: '../../node_modules/.pnpm/lodash@4/node_modules/lodash/lodash.js' },
  { name: 'webpack/runtime/define property getters' },
  { name: '../../packages/lib/package.json' },
];

describe('webpack stats', () => {
  test('local modules: outside node_modules, scripts only, concatenation suffix dropped, sorted', () => {
    expect(localModules(MODULES)).toEqual(['../../packages/lib/dist/index.js', './src/index.ts']);
  });

  test('bundled packages: the last node_modules segment, scoped names kept, sorted', () => {
    expect(bundledPackages(MODULES)).toEqual(['@forge/kvs', 'lodash']);
  });

  test('no modules, nothing', () => {
    expect(localModules()).toEqual([]);
    expect(bundledPackages([])).toEqual([]);
  });
});
