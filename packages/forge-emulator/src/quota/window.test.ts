import { describe, expect, it } from 'vitest';
import { FixedWindow, SlidingWindow } from './window.js';

describe('FixedWindow', () => {
  it('resets at window boundaries', () => {
    const w = new FixedWindow(3, 1000);
    expect(w.fits(1500, 3)).toBe(true);
    w.take(1500, 3);
    expect(w.fits(1999, 1)).toBe(false);
    expect(w.fits(2000, 3)).toBe(true);
    expect(w.nextWindowAt(2500)).toBe(3000);
  });
});

describe('SlidingWindow', () => {
  it('counts what was taken in the last windowMs', () => {
    const w = new SlidingWindow(3, 1000);
    w.take(1500, 2);
    w.take(1900, 1);
    expect(w.fits(2000, 1)).toBe(false); // a fixed window would have reset at 2000
    expect(w.nextWindowAt(2000)).toBe(2500);
    expect(w.fits(2500, 2)).toBe(true); // the 2 taken at 1500 left the window
    expect(w.fits(2500, 3)).toBe(false);
    expect(w.fits(2900, 3)).toBe(true);
    expect(w.nextWindowAt(3000)).toBe(3001);
  });

  it('never lets any windowMs span hold more than the limit', () => {
    const w = new SlidingWindow(5, 100);
    const taken: number[] = [];
    for (let t = 0; t < 1000; t += 7) {
      if (w.fits(t, 1)) {
        w.take(t, 1);
        taken.push(t);
      }
    }
    for (const t of taken) expect(taken.filter((u) => u > t - 100 && u <= t).length).toBeLessThanOrEqual(5);
    expect(taken.length).toBeGreaterThan(40);
  });
});
