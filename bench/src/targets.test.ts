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

  test.each([
    { drainMs: 6_000, lowerBoundMs: 1_000, pass: true },
    { drainMs: 6_001, lowerBoundMs: 1_000, pass: false },
    { drainMs: 70_000, lowerBoundMs: 60_000, pass: true },
  ])('drain $drainMs against LB $lowerBoundMs: 1.25x or within 5 s', ({ drainMs, lowerBoundMs, pass }) => {
    const library = result({ drainMs, lowerBoundMs, drainRatio: drainMs / lowerBoundMs });
    expect(checkTarget({ kind: 'drain-vs-lower-bound', max: 1.25, slackMs: 5_000 }, library, result({})).pass).toBe(pass);
  });

  test('without slack only the ratio counts', () => {
    const library = result({ drainMs: 6_000, lowerBoundMs: 1_000, drainRatio: 6 });
    expect(checkTarget({ kind: 'drain-vs-lower-bound', max: 1.25 }, library, result({})).pass).toBe(false);
  });

  test.each([
    { rateLimited: 20, applied: 1000, pass: true },
    { rateLimited: 21, applied: 1000, pass: false },
  ])('$rateLimited 429s over $applied applied writes against 0.02', ({ rateLimited, applied, pass }) => {
    const check = checkTarget({ kind: '429-per-write', max: 0.02 }, result({ rateLimited, applied }), result({}));
    expect(check.value).toBeCloseTo(rateLimited / applied);
    expect(check.pass).toBe(pass);
  });

  test('GB-seconds compare totals with the baseline', () => {
    const target = { kind: 'gb-seconds-vs-baseline', max: 1 } as const;
    expect(checkTarget(target, result({ gbSeconds: 574 }), result({ gbSeconds: 1_710 })).pass).toBe(true);
    expect(checkTarget(target, result({ gbSeconds: 1_711 }), result({ gbSeconds: 1_710 })).pass).toBe(false);
    expect(checkTarget(target, result({ gbSeconds: 1 }), result({ gbSeconds: 0 })).value).toBe(Infinity);
  });

  test('a zero baseline makes any library cost an infinite ratio', () => {
    expect(checkTarget({ kind: 'ratio', metric: 'pushes', max: 1, label: 'p' }, result({ pushes: 3 }), result({ pushes: 0 })).pass).toBe(false);
  });
});
