import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The dependency sections whose specs the lockfile must pin (peer ranges are the consumer's choice). */
export const PINNED_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export interface DependencySpec {
  readonly manifest: string;
  readonly section: string;
  readonly name: string;
  readonly spec: string;
}

/** An npm alias (`npm:@forge/api@4.3.0`): the version after the package name's last `@`. */
const NPM_ALIAS = /^npm:(?:@[^/@]+\/)?[^/@]+@(.+)$/;

/** True when a spec cannot float: a catalog entry, a workspace link, or one exact semver version (also behind an npm alias). */
export function isPinnedSpec(spec: string): boolean {
  const alias = NPM_ALIAS.exec(spec)?.[1];
  return spec.startsWith('catalog:') || spec.startsWith('workspace:') || EXACT_VERSION.test(alias ?? spec);
}

export function isExactVersion(spec: string): boolean {
  return EXACT_VERSION.test(spec);
}

/** Workspace package folders named by pnpm-workspace.yaml globs of the form `dir/*` or `dir`. */
export function workspaceManifests(root: string): string[] {
  const globs = readWorkspaceList(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'), 'packages');
  const dirs = globs.flatMap((glob) => {
    if (glob.endsWith('/*')) {
      const parent = join(root, glob.slice(0, -2));
      if (!existsSync(parent)) return [];
      return readdirSync(parent, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(parent, entry.name));
    }
    return [join(root, glob)];
  });
  return [join(root, 'package.json'), ...dirs.map((dir) => join(dir, 'package.json'))].filter((file) =>
    existsSync(file),
  );
}

export function dependencySpecs(manifestPath: string): DependencySpec[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  return PINNED_SECTIONS.flatMap((section) => {
    const deps = manifest[section];
    if (deps === undefined) return [];
    return Object.entries(deps as Record<string, string>).map(([name, spec]) => ({
      manifest: manifestPath,
      section,
      name,
      spec,
    }));
  });
}

/** A tiny reader for the two flat sections of pnpm-workspace.yaml this check needs (a list and a map). */
export function readWorkspaceList(yamlText: string, section: string): string[] {
  return sectionLines(yamlText, section)
    .map((line) => /^\s+-\s+['"]?([^'"]+)['"]?\s*$/.exec(line)?.[1])
    .filter((item): item is string => item !== undefined);
}

export function readWorkspaceMap(yamlText: string, section: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of sectionLines(yamlText, section)) {
    const match = /^\s+['"]?([^'":]+(?::[^'":]+)?)['"]?:\s*['"]?([^'"\s#]+)['"]?/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) map.set(match[1], match[2]);
  }
  return map;
}

function sectionLines(yamlText: string, section: string): string[] {
  const lines = yamlText.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `${section}:`);
  if (start < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) break;
    body.push(line);
  }
  return body;
}
