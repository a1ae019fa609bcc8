import { describe, expect, test } from 'vitest';
import { formatDuration, formatNumber, formatTable } from './table.js';

describe('formatTable', () => {
  test('pads every column to its widest cell, text left and numbers right', () => {
    const text = formatTable(
      [
        { header: 'name', cell: (row: { name: string; n: number }) => row.name, align: 'left' },
        { header: 'n', cell: (row) => String(row.n) },
      ],
      [
        { name: 'alpha', n: 1 },
        { name: 'b', n: 1234 },
      ],
    );
    expect(text.split('\n')).toEqual(['name      n', '-----  ----', 'alpha     1', 'b      1234']);
  });
});

test.each([
  [850, '850 ms'],
  [12_340, '12.3 s'],
  [245_000, '4m05s'],
  [7_380_000, '2h03m'],
  [Infinity, '-'],
])('formatDuration(%d) = %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test.each([
  [12345, 0, '12,345'],
  [0.5, 2, '0.50'],
  [Infinity, 0, 'inf'],
  [NaN, 0, '-'],
])('formatNumber(%d, %d) = %s', (value, digits, text) => {
  expect(formatNumber(value, digits)).toBe(text);
});
