import type { RunResult } from './model/result.js';
import type { RatioMetric, Target } from './scenarios/types.js';

export interface TargetCheck {
  scenario: string;
  window: 'fixed' | 'sliding';
  target: string;
  value: number;
  limit: number;
  pass: boolean;
}

/**
 * Library cost over baseline cost, each per applied write: a strategy that gives up early (the
 * baseline after a RateLimitError) must not look cheap for the work it never did. When both apply
 * every write this is the plain ratio of the two totals.
 */
export function costRatio(library: RunResult, baseline: RunResult, metric: RatioMetric): number {
  const perWrite = (result: RunResult): number => result[metric] / Math.max(1, result.applied);
  const base = perWrite(baseline);
  const lib = perWrite(library);
  if (base === 0) return lib === 0 ? 0 : Infinity;
  return lib / base;
}

/** Evaluates one target for the library run against the baseline run of the same scenario. */
export function checkTarget(target: Target, library: RunResult, baseline: RunResult): TargetCheck {
  const scenario = library.scenario;
  const window = library.window;
  switch (target.kind) {
    case 'zero': {
      const value = library[target.metric];
      return { scenario, window, target: `${target.metric === 'lost' ? 'lost' : 'stale'} = 0`, value, limit: 0, pass: value === 0 };
    }
    case 'drain-vs-lower-bound': {
      const slackMs = target.slackMs;
      const withinSlack = slackMs !== undefined && library.drainMs - library.lowerBoundMs <= slackMs;
      return {
        scenario,
        window,
        target: slackMs === undefined ? `drain <= ${target.max}x LB` : `drain <= ${target.max}x LB or LB + ${slackMs / 1000} s`,
        value: library.drainRatio,
        limit: target.max,
        pass: library.drainRatio <= target.max || withinSlack,
      };
    }
    case '429-per-write': {
      const value = library.rateLimited / Math.max(1, library.applied);
      return { scenario, window, target: `429s per applied write <= ${target.max}`, value, limit: target.max, pass: value <= target.max };
    }
    case 'gb-seconds-vs-baseline': {
      const value = baseline.gbSeconds === 0 ? (library.gbSeconds === 0 ? 0 : Infinity) : library.gbSeconds / baseline.gbSeconds;
      return { scenario, window, target: `GB-s <= ${target.max}x the baseline's (total)`, value, limit: target.max, pass: value <= target.max };
    }
    case 'ratio': {
      const value = costRatio(library, baseline, target.metric);
      return { scenario, window, target: `${target.label} per applied write (lib/base)`, value, limit: target.max, pass: value <= target.max };
    }
  }
}
