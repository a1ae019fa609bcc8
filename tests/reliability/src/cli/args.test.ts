import { describe, expect, test } from 'vitest';
import { readArgs, UsageError } from './args.js';

const options = { histories: { type: 'string', default: '10' } } as const;
const usage = 'usage: soak [--histories N]';

describe('readArgs', () => {
  test('reads known options with their defaults', () => {
    expect(readArgs(options, usage, ['--histories', '5'])).toEqual({ histories: '5' });
    expect(readArgs(options, usage, [])).toEqual({ histories: '10' });
  });

  test.each([['--help'], ['-h']])('%s asks for the usage', (flag) => {
    expect(readArgs(options, usage, [flag])).toBe('help');
  });

  test.each([
    [['--histries', '5'], /histries/],
    [['--histories'], /histories/],
    [['extra'], /extra/],
  ])('%j is a UsageError naming what was wrong, with the usage', (args, named) => {
    let caught: unknown;
    try {
      readArgs(options, usage, args);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toMatch(named);
    expect((caught as UsageError).usage).toBe(usage);
  });
});
