import { ManifestError } from '../errors.js';

/** Attribute types of `app.storage.entities[].attributes` (manifest schema). */
export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

export interface EntityIndex {
  name: string;
  /** Attributes whose values a query must give (`index(name, { partition })`). */
  partition: readonly string[];
  /** Sort attributes; `where` conditions apply to the first one. */
  range: readonly string[];
}

export interface EntitySchema {
  name: string;
  attributes: ReadonlyMap<string, AttributeType>;
  indexes: ReadonlyMap<string, EntityIndex>;
}

const TYPES = new Set<string>(['string', 'boolean', 'float', 'integer', 'any']);
type Raw = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Reads `app.storage.entities`: each `{ name, attributes: { attr: { type } }, indexes? }`, an index
 * being an attribute name (index of that name, range on it) or `{ name, range, partition? }`.
 */
export function parseEntities(storage: unknown): Map<string, EntitySchema> {
  const out = new Map<string, EntitySchema>();
  const list = (storage as Raw | undefined)?.entities;
  if (list === undefined) return out;
  if (!Array.isArray(list)) throw new ManifestError('app.storage.entities must be a list');
  for (const raw of list as Raw[]) {
    const name = raw.name;
    if (typeof name !== 'string') throw new ManifestError('every app.storage.entities item needs a name');
    if (out.has(name)) throw new ManifestError(`entity '${name}' is declared twice`);
    const attributes = new Map<string, AttributeType>();
    for (const [attr, def] of Object.entries((raw.attributes ?? {}) as Record<string, Raw | undefined>)) {
      const type = def?.type;
      if (typeof type !== 'string' || !TYPES.has(type)) throw new ManifestError(`attribute '${attr}' of entity '${name}' needs a type (string, boolean, float, integer or any)`);
      attributes.set(attr, type as AttributeType);
    }
    const indexes = new Map<string, EntityIndex>();
    for (const ix of Array.isArray(raw.indexes) ? (raw.indexes as unknown[]) : []) {
      const index: EntityIndex = typeof ix === 'string'
        ? { name: ix, partition: [], range: [ix] }
        : { name: String((ix as Raw).name), partition: strings((ix as Raw).partition), range: strings((ix as Raw).range) };
      for (const a of [...index.partition, ...index.range]) {
        if (!attributes.has(a)) throw new ManifestError(`index '${index.name}' of entity '${name}' names undeclared attribute '${a}'`);
      }
      if (index.range.length === 0) throw new ManifestError(`index '${index.name}' of entity '${name}' needs a range attribute`);
      indexes.set(index.name, index);
    }
    out.set(name, { name, attributes, indexes });
  }
  return out;
}
