/** An app of the workspace that a deploy should ship. */
export interface AppRef {
  /** Package name, e.g. `@forge-queue/jira-app`. */
  name: string;
  /** Folder relative to the repository root, e.g. `apps/jira-app`. */
  path: string;
}

interface TurboLs {
  packages?: { items?: { name?: unknown; path?: unknown }[] };
}

/**
 * The apps (packages under `apps/`) among the packages `turbo ls --output=json` listed, sorted by
 * path. Turbo's `...[base]` filter has already added every package that depends on a changed one,
 * so an app whose workspace dependency changed is listed too.
 */
export function selectApps(turboLsOutput: string): AppRef[] {
  const start = turboLsOutput.indexOf('{');
  const parsed = JSON.parse(start < 0 ? turboLsOutput : turboLsOutput.slice(start)) as TurboLs;
  const items = parsed.packages?.items ?? [];
  return items
    .filter((item): item is AppRef => typeof item.name === 'string' && typeof item.path === 'string')
    .map(({ name, path }) => ({ name, path: path.split('\\').join('/') }))
    .filter((item) => item.path.startsWith('apps/'))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** A base git gives when there is none: a branch's first push or a force push (`github.event.before`). */
export const isNullRef = (ref: string): boolean => /^0+$/.test(ref);
