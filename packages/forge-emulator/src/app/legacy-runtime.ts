import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ManifestError } from '../errors.js';

/**
 * SDK versions that only ran on Forge's legacy JavaScript sandbox runtime: they read the sandbox's
 * `global.api` (`global.api.asApp().__requestAtlassian`), which the Node.js runtime does not provide.
 * `@forge/events` gained Node.js runtime support in 0.8.0 ("Add NodeJS runtime support for Events
 * API"; 0.5.3's `Queue` constructor reads `global.api` unconditionally). The sandbox runtime stopped
 * running apps on 28 Feb 2025 (page `runtime-reference/legacy-runtime-migrating`).
 */
const SANDBOX_ONLY: ReadonlyArray<{ name: string; nodeRuntimeSince: [number, number, number] }> = [
  { name: '@forge/events', nodeRuntimeSince: [0, 8, 0] },
];

const SANDBOX_HINT =
  "reads the legacy JavaScript sandbox runtime's global.api, which the Node.js runtime does not provide and the emulator does not emulate " +
  '(that runtime stopped running apps on 28 Feb 2025): upgrade it; see DIFFERENCES.md, "Modules, triggers and runtime"';

/** Refuses an app whose installed SDK packages predate the Node.js runtime, naming each. */
export function checkSandboxOnlySdks(appRoot: string): void {
  const found: string[] = [];
  for (const { name, nodeRuntimeSince } of SANDBOX_ONLY) {
    const version = installedVersion(appRoot, name);
    if (version !== undefined && older(version, nodeRuntimeSince)) found.push(`${name} ${version} (Node.js runtime support from ${nodeRuntimeSince.join('.')})`);
  }
  if (found.length > 0) throw new ManifestError(`not emulated: ${found.join('; ')} ${SANDBOX_HINT}`);
}

/**
 * What to add to a handler module's load error when the cause is known: JSX compiled for React in
 * a UI Kit 1 app (its JSX expects `ForgeUI.createElement` of `@forge/ui`, the factory Forge's bundler
 * gives backend `.tsx`).
 */
export function loadErrorHint(appRoot: string, file: string, cause: unknown): string {
  const jsx = /\.[jt]sx$/.test(file);
  if (jsx && cause instanceof ReferenceError && /\bReact is not defined\b/.test(cause.message) && installedVersion(appRoot, '@forge/ui') !== undefined) {
    return (
      ' (UI Kit 1: this JSX is written for @forge/ui, whose ForgeUI.createElement Forge\'s bundler uses as the JSX factory; UI Kit 1 ' +
      'JSX and render functions are not emulated, so nothing in this module can be loaded; see DIFFERENCES.md, "Modules, triggers and runtime")'
    );
  }
  return '';
}

/** The version of package `name` as Node resolves it from the app folder (node_modules walk), if any. */
function installedVersion(appRoot: string, name: string): string | undefined {
  for (let d = appRoot; ; d = dirname(d)) {
    const pkg = join(d, 'node_modules', name, 'package.json');
    if (existsSync(pkg)) {
      try {
        const v = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: unknown }).version;
        return typeof v === 'string' ? v : undefined;
      } catch {
        return undefined;
      }
    }
    if (dirname(d) === d) return undefined;
  }
}

/** `version` (x.y.z, any pre-release suffix ignored) is below `min`. */
export function older(version: string, min: readonly [number, number, number]): boolean {
  const parts = version.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const a = parts[i] ?? 0;
    const b = min[i] ?? 0;
    if (Number.isNaN(a)) return false;
    if (a !== b) return a < b;
  }
  return false;
}
