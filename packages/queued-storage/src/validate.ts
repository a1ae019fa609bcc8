import { InvalidKeyError, InvalidValueError } from './errors.js';
import {
  KVS_KEY_PATTERN,
  KVS_MAX_DEPTH,
  KVS_MAX_TTL_SECONDS,
  KVS_MAX_VALUE_BYTES,
  MAX_USER_KEY_LENGTH,
  RESERVED_PREFIX,
  utf8Bytes,
} from './limits.js';

export type TtlUnit = 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';
export interface Ttl {
  value: number;
  unit: TtlUnit;
}

const UNIT_SECONDS: Record<TtlUnit, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 };

function preview(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

/** Throws InvalidKeyError unless `key` is a KVS key outside the reserved prefix. */
export function validateKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new InvalidKeyError('not-string', `key must be a string, got ${typeof key}`);
  if (key.length === 0) throw new InvalidKeyError('empty', 'key must not be empty');
  if (key.length > MAX_USER_KEY_LENGTH) {
    throw new InvalidKeyError('too-long', `key ${preview(key)} is ${key.length} characters; at most ${MAX_USER_KEY_LENGTH} allowed`);
  }
  if (key.trim().length === 0) throw new InvalidKeyError('whitespace', 'key must not be whitespace only');
  if (!KVS_KEY_PATTERN.test(key)) {
    throw new InvalidKeyError('pattern', `key ${preview(key)} has characters outside a-z A-Z 0-9 : . _ - # and whitespace`);
  }
  if (key.startsWith(RESERVED_PREFIX)) {
    throw new InvalidKeyError('reserved-prefix', `key ${preview(key)} starts with the reserved prefix ${RESERVED_PREFIX}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) return value.constructor.name;
  return typeof value;
}

const REJECTED_OBJECTS = [Map, Set, WeakMap, WeakSet, RegExp, Promise, Error, ArrayBuffer];

/** Walks a value and throws on anything JSON would drop, change or choke on. */
function checkJson(value: unknown, path: string, depth: number, ancestors: object[], key: string | undefined): void {
  const fail = (rule: 'not-json' | 'cycle' | 'too-deep', why: string): never => {
    throw new InvalidValueError(rule, `value at ${path} ${why}`, { key, path });
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) fail('not-json', `is ${describe(value)}, which JSON cannot represent`);
      return;
    case 'object':
      break;
    default:
      fail('not-json', `is a ${typeof value}, which JSON cannot represent`);
  }
  if (value === null) return; // nested null is valid JSON; only the top-level value may not be null
  const obj = value as object;
  if (ancestors.includes(obj)) fail('cycle', 'refers back to one of its parents (cycle)');
  if (obj instanceof Date) {
    if (Number.isNaN(obj.getTime())) fail('not-json', 'is an invalid Date');
    return;
  }
  if (ArrayBuffer.isView(obj) || REJECTED_OBJECTS.some((C) => obj instanceof C)) {
    fail('not-json', `is a ${describe(obj)}, which JSON would not keep`);
  }
  if (depth + 1 > KVS_MAX_DEPTH) fail('too-deep', `is nested deeper than ${KVS_MAX_DEPTH} levels`);
  ancestors.push(obj);
  if (Array.isArray(obj)) {
    obj.forEach((item: unknown, i) => {
      if (item === undefined) fail('not-json', `[${i}] is undefined (JSON would turn it into null)`);
      checkJson(item, `${path}[${i}]`, depth + 1, ancestors, key);
    });
  } else {
    for (const [k, v] of Object.entries(obj)) {
      if (v !== undefined) checkJson(v, `${path}.${k}`, depth + 1, ancestors, key);
    }
  }
  ancestors.pop();
}

/**
 * Throws InvalidValueError unless `value` can be stored in KVS as is. Returns its JSON text
 * (callers need its size anyway).
 */
export function validateValue(value: unknown, key?: string): string {
  if (value === undefined) throw new InvalidValueError('undefined', 'value must not be undefined (use delete)', { key });
  if (value === null) throw new InvalidValueError('null', 'value must not be null (KVS rejects null; use delete)', { key });
  checkJson(value, '$', 0, [], key);
  const json = JSON.stringify(value);
  const bytes = utf8Bytes(json);
  if (bytes > KVS_MAX_VALUE_BYTES) {
    throw new InvalidValueError('too-large', `value is ${bytes} bytes as JSON; at most ${KVS_MAX_VALUE_BYTES} allowed`, { key });
  }
  return json;
}

/** Throws InvalidValueError (rule 'invalid-ttl') unless `ttl` is a KVS TTL up to one year. */
export function validateTtl(ttl: unknown, key?: string): asserts ttl is Ttl {
  const bad = (why: string): never => {
    throw new InvalidValueError('invalid-ttl', `ttl ${why}`, { key, path: 'ttl' });
  };
  if (typeof ttl !== 'object' || ttl === null) bad('must be { value, unit }');
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  if (typeof unit !== 'string' || !(unit in UNIT_SECONDS)) bad('unit must be SECONDS, MINUTES, HOURS or DAYS');
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) bad('value must be a positive integer');
  if ((value as number) * UNIT_SECONDS[unit as TtlUnit] > KVS_MAX_TTL_SECONDS) bad('must be at most one year');
}
