import { expect, test } from 'vitest';
import { parseBenchArgs } from './benchArgs.js';
import { UsageError } from './errors.js';

test('defaults run every scenario at full size on two processes', () => {
  expect(parseBenchArgs([])).toMatchObject({
    scenarios: ['bulk-import', 'large-sync', 'hot-keys', 'throttled', 'backfill'],
    scale: 1,
    jobs: 2,
  });
  expect(parseBenchArgs([]).out).toBeUndefined();
});

test('picks scenarios and rejects unknown ones', () => {
  expect(parseBenchArgs(['--scenario', 'hot-keys', '--scale', '10']).scenarios).toEqual(['hot-keys']);
  expect(() => parseBenchArgs(['--scenario', 'nope'])).toThrow(UsageError);
  expect(() => parseBenchArgs(['--scale', '0'])).toThrow(UsageError);
});

test('runs both quota window models unless told one, and rejects unknown ones', () => {
  expect(parseBenchArgs([]).windows).toEqual(['fixed', 'sliding']);
  expect(parseBenchArgs(['--window', 'sliding']).windows).toEqual(['sliding']);
  expect(() => parseBenchArgs(['--window', 'rolling'])).toThrow(/--window/);
});
