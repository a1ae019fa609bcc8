/**
 * Evaluates custom-entity conditions as @forge/kvs sends them (`{ and: [...] }` or `{ or: [...] }`,
 * each `{ property, condition, values }`, from FilterConditions) against an entity value.
 * A missing entity has every attribute undefined, so NOT_EXISTS holds and comparisons fail.
 */
export interface ConditionClause {
  property: string;
  condition: string;
  values: unknown[];
}

export type Conditions = { and?: ConditionClause[]; or?: ConditionClause[] };

export function conditionsHold(conditions: Conditions | undefined, entityValue: unknown): boolean {
  if (conditions === undefined) return true;
  const attrs = typeof entityValue === 'object' && entityValue !== null ? (entityValue as Record<string, unknown>) : {};
  if (conditions.and !== undefined) return conditions.and.every((c) => clauseHolds(c, attrs));
  if (conditions.or !== undefined) return conditions.or.some((c) => clauseHolds(c, attrs));
  return true;
}

export function isValidConditions(conditions: unknown): boolean {
  if (conditions === undefined) return true;
  if (typeof conditions !== 'object' || conditions === null) return false;
  const list = (conditions as Conditions).and ?? (conditions as Conditions).or;
  return Array.isArray(list) && list.length > 0 && list.every((c) => KNOWN.has(c.condition) && typeof c.property === 'string' && Array.isArray(c.values));
}

const KNOWN = new Set([
  'BEGINS_WITH', 'BETWEEN', 'CONTAINS', 'NOT_CONTAINS', 'EQUAL_TO', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS',
  'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO',
]);

type Comparable = string | number;

function comparable(a: unknown, b: unknown): [Comparable, Comparable] | undefined {
  if (typeof a === 'number' && typeof b === 'number') return [a, b];
  if (typeof a === 'string' && typeof b === 'string') return [a, b];
  return undefined;
}

export function clauseHolds(clause: ConditionClause, attrs: Record<string, unknown>): boolean {
  const actual = attrs[clause.property];
  const [v0, v1] = clause.values;
  switch (clause.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === v0;
    case 'NOT_EQUAL_TO':
      return actual !== v0;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(v0));
    case 'CONTAINS':
      return contains(actual, v0);
    case 'NOT_CONTAINS':
      return actual !== undefined && !contains(actual, v0);
    case 'BETWEEN': {
      const lo = comparable(actual, v0);
      const hi = comparable(actual, v1);
      return lo !== undefined && hi !== undefined && lo[0] >= lo[1] && hi[0] <= hi[1];
    }
    default:
      return compare(clause.condition, comparable(actual, v0));
  }
}

function compare(condition: string, pair: [Comparable, Comparable] | undefined): boolean {
  if (pair === undefined) return false;
  const [a, b] = pair;
  if (condition === 'GREATER_THAN') return a > b;
  if (condition === 'GREATER_THAN_EQUAL_TO') return a >= b;
  if (condition === 'LESS_THAN') return a < b;
  if (condition === 'LESS_THAN_EQUAL_TO') return a <= b;
  return false;
}

function contains(actual: unknown, needle: unknown): boolean {
  if (typeof actual === 'string') return actual.includes(String(needle));
  if (Array.isArray(actual)) return actual.includes(needle);
  return false;
}
