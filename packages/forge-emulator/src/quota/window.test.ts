import { describe, expect, it } from 'vitest';
import { FixedWindow } from './window.js';

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
