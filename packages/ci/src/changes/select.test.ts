import { describe, expect, test } from 'vitest';
import { productOf } from './product.js';
import { permissionsChanged } from './scopes.js';
import { isNullRef, selectApps } from './select.js';

describe('selectApps', () => {
  test('keeps the packages under apps/, sorted, from turbo ls output that starts with a banner', () => {
    const output = `• turbo 2.11.11\n${JSON.stringify({
      packages: { items: [{ name: 'z', path: 'apps/z' }, { name: 'lib', path: 'packages/lib' }, { name: 'a', path: 'apps\\a' }] },
    })}`;
    expect(selectApps(output)).toEqual([
      { name: 'a', path: 'apps/a' },
      { name: 'z', path: 'apps/z' },
    ]);
  });

  test('an empty selection is an empty list', () => {
    expect(selectApps('{"packages":{"count":0,"items":[]}}')).toEqual([]);
  });

  test.each([
    ['0000000000000000000000000000000000000000', true],
    ['HEAD^', false],
    ['', false],
  ])('isNullRef(%j) is %s', (ref, expected) => {
    expect(isNullRef(ref)).toBe(expected);
  });
});

describe('productOf', () => {
  test.each([
    ['events:\n  - avi:jira:created:issue\n', 'jira'],
    ['events:\n  - avi:confluence:created:page\n', 'confluence'],
    ['modules: {}\n', undefined],
  ])('%j -> %s', (manifest, product) => {
    expect(productOf(manifest)).toBe(product);
  });
});

describe('permissionsChanged', () => {
  const manifest = (scopes: string[], extra = '') => `app:\n  id: x\npermissions:\n  scopes:\n${scopes.map((s) => `    - ${s}`).join('\n')}\n${extra}`;
  test.each([
    ['the same scopes', manifest(['a', 'b']), manifest(['a', 'b']), false],
    ['the same scopes, reordered', manifest(['a', 'b']), manifest(['b', 'a']), false],
    ['a scope added', manifest(['a']), manifest(['a', 'b']), true],
    ['a scope removed', manifest(['a', 'b']), manifest(['a']), true],
    ['an egress domain added', manifest(['a']), manifest(['a'], '  external:\n    fetch:\n      backend:\n        - api.example.com\n'), true],
    ['only modules changed', `modules: {}\n${manifest(['a'])}`, manifest(['a']), false],
    ['no manifest before (first deploy)', undefined, manifest(['a']), true],
  ])('%s: %s', (_name, before, after, expected) => {
    expect(permissionsChanged(before, after)).toBe(expected);
  });
});
