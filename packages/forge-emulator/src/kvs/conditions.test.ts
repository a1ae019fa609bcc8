import { describe, expect, it } from 'vitest';
import { conditionsHold, type ConditionClause } from './conditions.js';

const c = (condition: string, ...values: unknown[]): ConditionClause => ({ property: 'v', condition, values });

describe('entity conditions', () => {
  it.each([
    [c('EXISTS', true), { v: 1 }, true],
    [c('EXISTS', true), undefined, false],
    [c('NOT_EXISTS', true), undefined, true],
    [c('NOT_EXISTS', true), { v: 0 }, false],
    [c('EQUAL_TO', 3), { v: 3 }, true],
    [c('NOT_EQUAL_TO', 3), { v: 3 }, false],
    [c('GREATER_THAN', 3), { v: 4 }, true],
    [c('GREATER_THAN', 3), { v: 3 }, false],
    [c('GREATER_THAN_EQUAL_TO', 3), { v: 3 }, true],
    [c('LESS_THAN', 3), { v: 2 }, true],
    [c('LESS_THAN_EQUAL_TO', 3), { v: 4 }, false],
    [c('LESS_THAN', 3), undefined, false],
    [c('BETWEEN', 1, 5), { v: 5 }, true],
    [c('BETWEEN', 1, 5), { v: 6 }, false],
    [c('BEGINS_WITH', 'ab'), { v: 'abc' }, true],
    [c('CONTAINS', 'b'), { v: 'abc' }, true],
    [c('NOT_CONTAINS', 'z'), { v: 'abc' }, true],
    [c('GREATER_THAN', 'a'), { v: 2 }, false],
  ])('%j on %j holds: %s', (clause, value, expected) => {
    expect(conditionsHold({ and: [clause] }, value)).toBe(expected);
  });

  it('combines with and/or', () => {
    const t = c('EXISTS', true);
    const f = c('NOT_EXISTS', true);
    expect(conditionsHold({ and: [t, f] }, { v: 1 })).toBe(false);
    expect(conditionsHold({ or: [t, f] }, { v: 1 })).toBe(true);
  });
});
