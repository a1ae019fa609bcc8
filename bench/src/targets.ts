import type { RunResult } from './model/result.js';
import type { Target } from './scenarios/types.js';

export interface TargetCheck {
  scenario: string;
  target: string;
  value: number;
  limit: number;
  pass: boolean;
}

/** Evaluates one target for the library run against the baseline run of the same scenario. */
export function checkTarget(target: Target, library: RunResult, baseline: RunResult): TargetCheck {
  const scenario = library.scenario;
  switch (target.kind) {
    case 'zero': {
      const value = library[target.metric];
      return { scenario, target: `${target.metric === 'lost' ? 'lost' : 'stale'} = 0`, value, limit: 0, pass: value === 0 };
    }
    case 'drain-vs-lower-bound':
      return {
        scenario,
        target: `drain <= ${target.max}x LB`,
        value: library.drainRatio,
        limit: target.max,
        pass: library.drainRatio <= target.max,
      };
    case 'ratio': {
      const base = baseline[target.metric];
      const value = base === 0 ? (library[target.metric] === 0 ? 0 : Infinity) : library[target.metric] / base;
      return { scenario, target: `${target.label} (lib/base)`, value, limit: target.max, pass: value <= target.max };
    }
  }
}
