import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseBundleArgs } from './args.js';

describe('parseBundleArgs', () => {
  test.each<[string[], { appDir: string; outDir: string; json: boolean }]>([
    [['.'], { appDir: '.', outDir: path.join('.', 'dist', 'forge-bundle'), json: false }],
    [['apps/x', '--json'], { appDir: 'apps/x', outDir: path.join('apps/x', 'dist', 'forge-bundle'), json: true }],
    [['--out', 'o', 'apps/x'], { appDir: 'apps/x', outDir: 'o', json: false }],
    [['apps/x', '--out', 'o', '--json'], { appDir: 'apps/x', outDir: 'o', json: true }],
  ])('%j', (args, expected) => {
    expect(parseBundleArgs(args)).toEqual(expected);
  });

  test.each([[[]], [['--json']], [['a', 'b']], [['a', '--out']], [['a', '--out', '--json']], [['a', '--watch']]])(
    'rejects %j with a TypeError carrying the usage',
    (args) => {
      expect(() => parseBundleArgs(args)).toThrow(TypeError);
      expect(() => parseBundleArgs(args)).toThrow(/usage: forge-bundle <appDir>/);
    },
  );
});
