import type { Expr } from './filter-expression.js';

/** Evaluation failed the way a Jira expression fails (property of null, unknown method, ...). */
export class FilterEvaluationError extends Error {
  override readonly name = 'FilterEvaluationError';
}

type Scope = Record<string, unknown>;
const fail = (message: string): never => {
  throw new FilterEvaluationError(message);
};

const STRING_METHODS: Record<string, (s: string, args: unknown[]) => unknown> = {
  includes: (s, [x]) => s.includes(String(x)),
  startsWith: (s, [x]) => s.startsWith(String(x)),
  endsWith: (s, [x]) => s.endsWith(String(x)),
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => s.trim(),
};

/** Evaluates `e` with `scope` (`{ event }`); a missing property reads as null, as in Jira expressions. */
export function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.t) {
    case 'lit':
      return e.v;
    case 'id':
      return e.name in scope ? scope[e.name] : fail(`unknown identifier '${e.name}'`);
    case 'arr':
      return e.items.map((x) => evaluate(x, scope));
    case 'arrow':
      return fail('a lambda can only be passed to some/every/filter/map');
    case 'get': {
      const obj = evaluate(e.obj, scope);
      if (obj === null || obj === undefined) return e.optional ? null : fail(`cannot read '${String(evaluate(e.key, scope))}' of null`);
      const key = evaluate(e.key, scope);
      if (key === 'length' && (typeof obj === 'string' || Array.isArray(obj))) return obj.length;
      if (typeof obj !== 'object') return fail(`cannot read '${String(key)}' of a ${typeof obj}`);
      const v = (obj as Record<string, unknown>)[String(key)];
      return Object.hasOwn(obj, String(key)) && v !== undefined ? v : null;
    }
    case 'call':
      return call(e, scope);
    case 'un': {
      const x = evaluate(e.x, scope);
      return e.op === '!' ? !truthy(x) : -num(x);
    }
    case 'bin':
      return binary(e.op, e.a, e.b, scope);
    case 'if':
      return truthy(evaluate(e.c, scope)) ? evaluate(e.a, scope) : evaluate(e.b, scope);
  }
}

function call(e: Extract<Expr, { t: 'call' }>, scope: Scope): unknown {
  const obj = evaluate(e.obj, scope);
  if (obj === null || obj === undefined) return e.optional ? null : fail(`cannot call '${e.method}' on null`);
  if (typeof obj === 'string') {
    const m = STRING_METHODS[e.method];
    return m === undefined ? fail(`unknown string method '${e.method}'`) : m(obj, e.args.map((a) => evaluate(a, scope)));
  }
  if (!Array.isArray(obj)) return fail(`cannot call '${e.method}' on a ${typeof obj}`);
  const list: unknown[] = obj;
  if (e.method === 'includes') return list.some((x) => same(x, evaluate(e.args[0] ?? { t: 'lit', v: null }, scope)));
  if (e.method === 'indexOf') {
    const v = evaluate(e.args[0] ?? { t: 'lit', v: null }, scope);
    return list.findIndex((x) => same(x, v));
  }
  const fn = e.args[0];
  if (fn?.t !== 'arrow') return fail(`unknown list method '${e.method}'`);
  const apply = (x: unknown): unknown => evaluate(fn.body, { ...scope, [fn.param]: x });
  if (e.method === 'some') return list.some((x) => truthy(apply(x)));
  if (e.method === 'every') return list.every((x) => truthy(apply(x)));
  if (e.method === 'filter') return list.filter((x) => truthy(apply(x)));
  if (e.method === 'map') return list.map(apply);
  return fail(`unknown list method '${e.method}'`);
}

function binary(op: string, ea: Expr, eb: Expr, scope: Scope): unknown {
  const a = evaluate(ea, scope);
  if (op === '&&') return truthy(a) ? evaluate(eb, scope) : a;
  if (op === '||') return truthy(a) ? a : evaluate(eb, scope);
  const b = evaluate(eb, scope);
  switch (op) {
    case '==':
      return same(a, b);
    case '!=':
      return !same(a, b);
    case '+':
      return typeof a === 'string' || typeof b === 'string' ? `${String(a)}${String(b)}` : num(a) + num(b);
    case '-':
      return num(a) - num(b);
    case '*':
      return num(a) * num(b);
    case '/':
      return num(a) / num(b);
    case '%':
      return num(a) % num(b);
    default:
      return compare(op, a, b);
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) fail(`cannot compare ${typeof a} with ${typeof b} using '${op}'`);
  const [x, y] = [a as number | string, b as number | string];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);
const truthy = (x: unknown): boolean => x !== null && x !== undefined && x !== false && x !== 0 && x !== '';
const num = (x: unknown): number => (typeof x === 'number' ? x : fail(`expected a number, got ${x === null ? 'null' : typeof x}`));
