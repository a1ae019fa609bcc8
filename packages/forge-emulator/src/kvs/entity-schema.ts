import type { AttributeType, EntitySchema } from '../app/entities.js';
import { errorAnswer, type PlatformAnswer } from '../http/response.js';

/**
 * Custom-entity checks against the manifest's `app.storage.entities`. Codes from "Error handling for
 * the Custom Entity Store"; using INVALID_ENTITY_TYPE for an undeclared entity is a guess.
 */
export type Entities = ReadonlyMap<string, EntitySchema>;

const NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;

export function checkEntityName(name: unknown): PlatformAnswer | undefined {
  if (typeof name !== 'string' || name.length < 3) return errorAnswer(400, 'ENTITY_TYPE_TOO_SHORT', 'The entity name needs at least 3 characters');
  if (name.length > 60) return errorAnswer(400, 'ENTITY_TYPE_TOO_LARGE', 'The entity name has exceeded the maximum 60 characters');
  if (!NAME_PATTERN.test(name)) return errorAnswer(400, 'INVALID_ENTITY_TYPE', `The entity name '${name}' does not match the regex ${NAME_PATTERN.source}`);
  return undefined;
}

/** The declared schema of `name`, or the error answer for a bad or undeclared entity name. */
export function entitySchema(entities: Entities, name: unknown): EntitySchema | PlatformAnswer {
  const bad = checkEntityName(name);
  if (bad !== undefined) return bad;
  const schema = entities.get(name as string);
  if (schema === undefined) {
    return errorAnswer(400, 'INVALID_ENTITY_TYPE', `Entity '${String(name)}' is not declared in the manifest (app.storage.entities)`);
  }
  return schema;
}

export function isSchema(v: EntitySchema | PlatformAnswer): v is EntitySchema {
  return 'attributes' in v;
}

/** Error answer when `name` is not a declared entity, else undefined. */
export function checkEntity(entities: Entities, name: unknown): PlatformAnswer | undefined {
  const s = entitySchema(entities, name);
  return isSchema(s) ? undefined : s;
}

const TYPE_CHECK: Record<AttributeType, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  float: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isSafeInteger(v),
  any: () => true,
};

/** An entity value is an object whose attributes are all declared and of their declared type. */
export function checkEntityValue(schema: EntitySchema, value: unknown): PlatformAnswer | undefined {
  const invalid = (why: string) => errorAnswer(400, 'INVALID_ENTITY_VALUE', `Invalid value for entity '${schema.name}': ${why}`);
  if (value === null || value === undefined) return undefined; // checkValue answers BAD_REQUEST
  if (typeof value !== 'object' || Array.isArray(value)) return invalid('an entity value must be an object of attributes');
  for (const [attr, v] of Object.entries(value)) {
    const type = schema.attributes.get(attr);
    if (type === undefined) return invalid(`attribute '${attr}' is not declared`);
    if (!TYPE_CHECK[type](v)) return invalid(`attribute '${attr}' must be of type ${type}`);
  }
  return undefined;
}
