import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidKeyError, InvalidValueError } from './errors.js';
import { KVS_MAX_VALUE_BYTES, MAX_USER_KEY_LENGTH } from './limits.js';
import { validateKey, validateTtl, validateValue } from './validate.js';

function keyRule(key: unknown): string | undefined {
  try {
    validateKey(key);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidKeyError);
    expect((error as InvalidKeyError).code).toBe('QS_INVALID_KEY');
    return (error as InvalidKeyError).rule;
  }
}

function valueRule(value: unknown): string | undefined {
  try {
    validateValue(value, 'k');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidValueError);
    expect((error as InvalidValueError).code).toBe('QS_INVALID_VALUE');
    return (error as InvalidValueError).rule;
  }
}

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('validateKey', () => {
  test.each([
    ['issue:ABC-1', undefined],
    ['most-recent-issue-created', undefined],
    ['a b#c.d_e', undefined],
    ['x'.repeat(MAX_USER_KEY_LENGTH), undefined],
    ['x'.repeat(MAX_USER_KEY_LENGTH + 1), 'too-long'],
    ['', 'empty'],
    ['   ', 'whitespace'],
    ['a/b', 'pattern'],
    ['é', 'pattern'],
    ['a$', 'pattern'],
    ['__qs:dl:1', 'reserved-prefix'],
    [42, 'not-string'],
    [undefined, 'not-string'],
  ])('%j -> %s', (key, rule) => {
    expect(keyRule(key)).toBe(rule);
  });

  test('accepts exactly the KVS pattern within the length limit (property)', () => {
    const allowed = 'abcXYZ019:._-# ';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...allowed.split('')), minLength: 1, maxLength: 60 }), (key) => {
        const expected = key.trim() === '' ? 'whitespace' : undefined;
        expect(keyRule(key)).toBe(expected);
      }),
    );
  });
});

describe('validateValue', () => {
  test.each([
    ['string', 'x', undefined],
    ['number', 0, undefined],
    ['false', false, undefined],
    ['object', { a: [1, 'b', null, { c: true }] }, undefined],
    ['Date', new Date(0), undefined],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['NaN', NaN, 'not-json'],
    ['Infinity', { a: Infinity }, 'not-json'],
    ['function', { f: () => 1 }, 'not-json'],
    ['bigint', { n: 1n }, 'not-json'],
    ['symbol', Symbol('s'), 'not-json'],
    ['Map', new Map(), 'not-json'],
    ['Set in array', [new Set()], 'not-json'],
    ['undefined in array', [1, undefined], 'not-json'],
    ['31 levels', nested(31), undefined],
    ['32 levels', nested(32), 'too-deep'],
    ['largest', 'x'.repeat(KVS_MAX_VALUE_BYTES - 2), undefined],
    ['too large', 'x'.repeat(KVS_MAX_VALUE_BYTES - 1), 'too-large'],
    ['too large in UTF-8', 'é'.repeat(KVS_MAX_VALUE_BYTES / 2), 'too-large'],
  ])('%s -> %s', (_name, value, rule) => {
    expect(valueRule(value)).toBe(rule);
  });

  test('a cycle is reported as a cycle, with its path', () => {
    const a: Record<string, unknown> = { b: { c: 1 } };
    (a.b as Record<string, unknown>).back = a;
    expect(() => validateValue(a, 'k')).toThrow(expect.objectContaining({ rule: 'cycle', path: '${0}{1}', key: 'k' }));
  });

  test('any JSON value except null passes and round-trips (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        if (value === null) return;
        const normalised: unknown = JSON.parse(JSON.stringify(value));
        expect(validateValue(normalised)).toBe(JSON.stringify(normalised));
      }),
    );
  });
});

describe('validateTtl', () => {
  test.each([[{ value: 1, unit: 'SECONDS' }], [{ value: 365, unit: 'DAYS' }], [{ value: 8760, unit: 'HOURS' }]])('accepts %j', (ttl) => {
    expect(() => {
      validateTtl(ttl);
    }).not.toThrow();
  });

  test.each([
    [{ value: 366, unit: 'DAYS' }],
    [{ value: 0, unit: 'SECONDS' }],
    [{ value: 1.5, unit: 'HOURS' }],
    [{ value: 1, unit: 'WEEKS' }],
    [null],
  ])('rejects %j', (ttl) => {
    expect(() => {
      validateTtl(ttl);
    }).toThrow(expect.objectContaining({ rule: 'invalid-ttl' }));
  });
});
