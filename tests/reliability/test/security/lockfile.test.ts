import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  dependencySpecs,
  isExactVersion,
  isPinnedSpec,
  readWorkspaceMap,
  workspaceManifests,
} from '../../src/workspace/pins.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const manifests = workspaceManifests(root);
const specs = manifests.flatMap(dependencySpecs);

describe('dependency pinning', () => {
  test('pnpm-lock.yaml exists at the workspace root', () => {
    expect(existsSync(join(root, 'pnpm-lock.yaml'))).toBe(true);
  });

  test('the workspace has packages to check', () => {
    expect(manifests.length).toBeGreaterThan(3);
    expect(specs.length).toBeGreaterThan(10);
  });

  test.each(specs.map((s) => [relative(root, s.manifest), s.section, s.name, s.spec] as const))(
    '%s %s %s is pinned (%s)',
    (_manifest, _section, _name, spec) => {
      expect(isPinnedSpec(spec)).toBe(true);
    },
  );

  test('every catalog entry is one exact version', () => {
    const catalog = readWorkspaceMap(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'), 'catalog');
    expect(catalog.size).toBeGreaterThan(0);
    const floating = [...catalog].filter(([, version]) => !isExactVersion(version));
    expect(floating).toEqual([]);
  });

  test('every catalog: spec names an entry of the catalog', () => {
    const catalog = readWorkspaceMap(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'), 'catalog');
    const missing = specs.filter((s) => s.spec === 'catalog:' && !catalog.has(s.name)).map((s) => s.name);
    expect(missing).toEqual([]);
  });

  test('the lockfile records every catalog entry with the same version', () => {
    const lock = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8');
    const catalog = readWorkspaceMap(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'), 'catalog');
    const unlocked = [...catalog].filter(([name, version]) => {
      const quoted = name.startsWith('@') ? `'${name}'` : name;
      return !lock.includes(`    ${quoted}:\n      specifier: ${version}\n      version: ${version}`);
    });
    expect(unlocked).toEqual([]);
  });
});

describe('isPinnedSpec', () => {
  test.each([
    ['catalog:', true],
    ['workspace:^', true],
    ['1.2.3', true],
    ['1.2.3-beta.1', true],
    ['^1.2.3', false],
    ['~1.2.3', false],
    ['>=1', false],
    ['*', false],
    ['latest', false],
    ['1.x', false],
    ['github:foo/bar', false],
    ['npm:@forge/api@4.3.0', true],
    ['npm:left-pad@1.3.0', true],
    ['npm:@forge/api@4', false],
    ['npm:@forge/api@^4.3.0', false],
  ])('%s -> %s', (spec, pinned) => {
    expect(isPinnedSpec(spec)).toBe(pinned);
  });
});
