import { RESERVED_PREFIX } from './limits.js';

/**
 * Ordered mode keeps, per key, a version record in a custom entity: `{ v: <HLC stamp> }` under the
 * key `__qs:<key>`. A write and its version record go in one KVS transaction whose condition is
 * "v is absent or below this write's stamp", so an older write can never replace a newer one.
 */
export const VERSION_ENTITY_NAME = 'qs-version';
export const VERSION_ATTRIBUTE = 'v';

/** The `app.storage.entities[]` item apps must declare in manifest.yml for ordered mode. */
export const VERSION_ENTITY_DECLARATION = Object.freeze({
  name: VERSION_ENTITY_NAME,
  attributes: Object.freeze({ [VERSION_ATTRIBUTE]: Object.freeze({ type: 'string' as const }) }),
});

/** The manifest.yml lines to copy (merge into an existing `app:` block). */
export const MANIFEST_STORAGE_SNIPPET = `app:
  storage:
    entities:
      - name: ${VERSION_ENTITY_NAME}
        attributes:
          ${VERSION_ATTRIBUTE}:
            type: string
`;

export function versionKey(key: string): string {
  return RESERVED_PREFIX + key;
}

export function versionOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const v = (record as Record<string, unknown>)[VERSION_ATTRIBUTE];
  return typeof v === 'string' ? v : undefined;
}
