import { describe, expect, test } from 'vitest';
import { Progress, progressBar } from './progress.js';

test.each([
  [0, '[----------]   0%'],
  [0.5, '[#####-----]  50%'],
  [2, '[##########] 100%'],
  [NaN, '[----------]   0%'],
])('progressBar(%d)', (fraction, text) => {
  expect(progressBar(fraction, 10)).toBe(text);
});

describe('Progress', () => {
  test('redraws one line on a TTY, at most every 100 ms', () => {
    const out: string[] = [];
    let now = 0;
    const progress = new Progress({ isTTY: true, write: (text: string) => out.push(text) }, { now: () => now });
    progress.update(0.25, 'a');
    now = 50;
    progress.update(0.3, 'skipped');
    now = 150;
    progress.update(0.5, 'b');
    expect(out).toHaveLength(2);
    expect(out.every((line) => line.startsWith('\r'))).toBe(true);
  });

  test('prints plain lines at most once per interval elsewhere', () => {
    const out: string[] = [];
    let now = 0;
    const progress = new Progress({ write: (text: string) => out.push(text) }, { intervalMs: 1000, now: () => now });
    progress.update(0.1, 'a');
    now = 500;
    progress.update(0.2, 'b');
    now = 1500;
    progress.update(0.3, 'c');
    progress.done('end');
    expect(out).toEqual(['progress 10% a\n', 'progress 30% c\n', 'progress 100% end\n']);
  });
});
