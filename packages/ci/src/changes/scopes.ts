import { parse } from 'yaml';
import { CiError } from '../errors.js';

/** What `forge install --upgrade` asks site admins to approve: the manifest's `permissions`, normalised. */
export function permissionsOf(manifestText: string): string {
  let manifest: unknown;
  try {
    manifest = parse(manifestText);
  } catch (cause) {
    throw new CiError('CI_BAD_MANIFEST', `manifest.yml is not YAML: ${(cause as Error).message}`, { cause });
  }
  const permissions = (manifest as { permissions?: unknown } | null)?.permissions ?? {};
  return JSON.stringify(normalise(permissions));
}

/**
 * Whether the permissions (scopes, egress, content permissions) differ between two versions of a
 * manifest, ignoring order; a manifest that did not exist before counts as changed.
 */
export function permissionsChanged(before: string | undefined, after: string): boolean {
  return before === undefined || permissionsOf(before) !== permissionsOf(after);
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise).map((item) => JSON.stringify(item)).sort().map((item) => JSON.parse(item) as unknown);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, item]) => [key, normalise(item)]));
  }
  return value;
}
