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

/** Names a key by its length only: keys can hold data (e-mail-like ids), messages must not. */
function preview(key: string): string {
  return `of ${key.length} characters`;
}

/** Throws InvalidKeyError unless `key` is a KVS key outside the reserved prefix. */
export function validateKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new InvalidKeyError('not-string', `key must be a string, got ${typeof key}`);
  if (key.length === 0) throw new InvalidKeyError('empty', 'key must not be empty');
  if (key.length > MAX_USER_KEY_LENGTH) {
    throw new InvalidKeyError('too-long', `key is ${key.length} characters; at most ${MAX_USER_KEY_LENGTH} allowed`);
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

type WalkRule = 'not-json' | 'unreadable' | 'sparse-array' | 'cycle' | 'too-deep';

/** Thrown inside the walk, turned into InvalidValueError (with the key) at the top. */
class WalkError extends Error {
  constructor(
    readonly rule: WalkRule,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (rule: WalkRule, path: string, why: string): never => {
  throw new WalkError(rule, path, `value at ${path} ${why}`);
};

/** Runs a read of the user's value; a throwing getter, toJSON or revoked Proxy becomes rule `unreadable`. */
function read<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof WalkError) throw error;
    return fail('unreadable', path, 'could not be read (a getter or toJSON threw, or a revoked Proxy)');
  }
}

/** What JSON.stringify serialises in place of `value` (its `toJSON` result, boxed primitives unwrapped). */
function serialised(value: unknown, holderKey: string, path: string): unknown {
  let v = value;
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    if (v instanceof Date && Number.isNaN(v.getTime())) fail('not-json', path, 'is an invalid Date');
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      v = (toJSON as (key: string) => unknown).call(v, holderKey);
      if (v === undefined) fail('not-json', path, 'has a toJSON that returned undefined');
    }
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  return v;
}

/**
 * Builds the plain JSON tree JSON.stringify would produce for `value`, throwing on anything it would
 * drop, change or choke on. Positions only in paths: `[i]` array item i, `{i}` the i-th own property.
 */
function toTree(value: unknown, holderKey: string, path: string, depth: number, ancestors: object[]): unknown {
  const v = read(path, () => serialised(value, holderKey, path));
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) fail('not-json', path, `is ${describe(v)}, which JSON cannot represent`);
      return v;
    case 'object':
      break;
    default:
      return fail('not-json', path, `is a ${typeof v}, which JSON cannot represent`);
  }
  if (v === null) return null; // nested null is valid JSON; only the top-level value may not be null
  const obj = v;
  if (ancestors.includes(obj)) fail('cycle', path, 'refers back to one of its parents (cycle)');
  if (read(path, () => ArrayBuffer.isView(obj) || REJECTED_OBJECTS.some((C) => obj instanceof C))) {
    fail('not-json', path, `is a ${describe(obj)}, which JSON would not keep`);
  }
  if (depth + 1 > KVS_MAX_DEPTH) fail('too-deep', path, `is nested deeper than ${KVS_MAX_DEPTH} levels`);
  ancestors.push(obj);
  let out: unknown;
  if (read(path, () => Array.isArray(obj))) {
    const arr = obj as unknown[];
    const items: unknown[] = [];
    const length = read(path, () => arr.length);
    for (let i = 0; i < length; i++) {
      const at = `${path}[${i}]`;
      if (!read(at, () => i in arr)) fail('sparse-array', at, 'is a hole in a sparse array (JSON would store null)');
      const item: unknown = read(at, () => arr[i]);
      if (item === undefined) fail('not-json', at, 'is undefined (JSON would turn it into null)');
      items.push(toTree(item, String(i), at, depth + 1, ancestors));
    }
    out = items;
  } else {
    const record: Record<string, unknown> = {};
    read(path, () => Object.keys(obj)).forEach((k, i) => {
      const at = `${path}{${i}}`;
      const raw = read(at, () => (obj as Record<string, unknown>)[k]);
      if (raw === undefined) return; // JSON leaves undefined properties out
      Object.defineProperty(record, k, { value: toTree(raw, k, at, depth + 1, ancestors), enumerable: true, writable: true, configurable: true });
    });
    out = record;
  }
  ancestors.pop();
  return out;
}

/** The JSON KVS would store for `value` and its plain copy. Throws InvalidValueError. */
export function storedValue(value: unknown, key?: string): { json: string; value: unknown } {
  if (value === undefined) throw new InvalidValueError('undefined', 'value must not be undefined (use delete)', { key });
  if (value === null) throw new InvalidValueError('null', 'value must not be null (KVS rejects null; use delete)', { key });
  let tree: unknown;
  try {
    tree = toTree(value, '', '$', 0, []);
  } catch (error) {
    if (error instanceof WalkError) throw new InvalidValueError(error.rule, error.message, { key, path: error.path });
    throw error;
  }
  if (tree === null) throw new InvalidValueError('null', 'value serialises to null (KVS rejects null; use delete)', { key });
  const json = JSON.stringify(tree);
  const bytes = utf8Bytes(json);
  if (bytes > KVS_MAX_VALUE_BYTES) {
    throw new InvalidValueError('too-large', `value is ${bytes} bytes as JSON; at most ${KVS_MAX_VALUE_BYTES} allowed`, { key });
  }
  return { json, value: tree };
}

/**
 * Throws InvalidValueError unless `value` can be stored in KVS, judged on the JSON that would be
 * stored (after `toJSON`). Returns that JSON text (callers need its size anyway).
 */
export function validateValue(value: unknown, key?: string): string {
  return storedValue(value, key).json;
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
