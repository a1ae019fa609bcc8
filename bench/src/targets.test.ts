import { describe, expect, test } from 'vitest';
import type { RunResult } from './model/result.js';
import { sampleResult } from './model/sampleResult.js';
import { checkTarget, costRatio } from './targets.js';

const result = (overrides: Partial<RunResult>): RunResult => sampleResult(overrides);

describe('checkTarget', () => {
  test.each([
    { units: 40, base: 100, max: 0.5, pass: true },
    { units: 50, base: 100, max: 0.5, pass: true },
    { units: 51, base: 100, max: 0.5, pass: false },
  ])('ratio $units/$base against $max', ({ units, base, max, pass }) => {
    const check = checkTarget({ kind: 'ratio', metric: 'kvsUnits', max, label: 'units' }, result({ kvsUnits: units, applied: 10 }), result({ kvsUnits: base, applied: 10 }));
    expect(check.value).toBeCloseTo(units / base);
    expect(check.pass).toBe(pass);
  });

  test('ratios compare cost per applied write, so giving up early does not look cheap', () => {
    const library = result({ kvsUnits: 200, applied: 1000 });
    const baseline = result({ kvsUnits: 500, applied: 500 });
    expect(costRatio(library, baseline, 'kvsUnits')).toBeCloseTo(0.2);
  });

  test('zero targets fail on any lost write', () => {
    expect(checkTarget({ kind: 'zero', metric: 'lost' }, result({ lost: 1 }), result({})).pass).toBe(false);
    expect(checkTarget({ kind: 'zero', metric: 'staleKeys' }, result({ staleKeys: 0 }), result({ staleKeys: 9 })).pass).toBe(true);
  });

  test('drain against the lower bound', () => {
    expect(checkTarget({ kind: 'drain-vs-lower-bound', max: 1.5 }, result({ drainRatio: 1.6 }), result({})).pass).toBe(false);
  });

  test('a zero baseline makes any library cost an infinite ratio', () => {
    expect(checkTarget({ kind: 'ratio', metric: 'pushes', max: 1, label: 'p' }, result({ pushes: 3 }), result({ pushes: 0 })).pass).toBe(false);
  });
});
