import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * How Forge's webpack build treats a handler file. `auto` (webpack's `javascript/auto`: `.ts`, `.tsx`,
 * `.cjs`, and `.js`/`.jsx` outside a `"type": "module"` package): CommonJS and ESM syntax both work,
 * and a default import of a CommonJS module flagged `__esModule` is its `exports.default` (so
 * `import Resolver from '@forge/resolver'` is the class). `esm` (`.mjs`, and `.js` in a
 * `"type": "module"` package, webpack's `javascript/esm`): strict ESM, where the default import of a
 * CommonJS module is its whole `module.exports`, as in Node.
 */
export type ModuleFormat = 'auto' | 'esm';

export function moduleFormat(file: string): ModuleFormat {
  const ext = extname(file);
  if (ext === '.mjs' || ext === '.mts') return 'esm';
  if (ext === '.js' || ext === '.jsx') return packageType(dirname(file)) === 'module' ? 'esm' : 'auto';
  return 'auto';
}

/** `type` of the nearest package.json above `dir` ('commonjs' when there is none). */
function packageType(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg)) {
      try {
        const type = (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type;
        return typeof type === 'string' ? type : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(d) === d) return 'commonjs';
  }
}

type Exports = Record<string, unknown>;

/**
 * Loads a handler source file with the module semantics of its Forge bundle: `auto` files through
 * tsx's CommonJS loader (esbuild gives the same `__esModule` interop as webpack), `esm` files through
 * tsx's ESM loader.
 */
export async function importSource(file: string): Promise<Exports> {
  if (moduleFormat(file) === 'auto') {
    const { require: tsxRequire } = await import('tsx/cjs/api');
    return asExports(tsxRequire(file, import.meta.url));
  }
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Exports;
}

let instances = 0;

/**
 * Loads built JavaScript (a webpack bundle is CommonJS: `require`; an ES module: `import`), as a new
 * module instance each call: every emulator is a platform of its own, so module state (a warm
 * runtime's caches, a producer's clocks and throttle memory) never leaks from one emulator's run into
 * the next in the same process. A bundle holds its dependencies, so the whole app starts fresh.
 */
export async function importBuilt(file: string): Promise<Exports> {
  if (moduleFormat(file) === 'auto') {
    const require = createRequire(import.meta.url);
    const resolved = require.resolve(file);
    Reflect.deleteProperty(require.cache, resolved);
    try {
      return asExports(require(resolved));
    } finally {
      Reflect.deleteProperty(require.cache, resolved);
    }
  }
  return (await import(`${pathToFileURL(file).href}?instance=${String(++instances)}`)) as Exports;
}

function asExports(value: unknown): Exports {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Exports) : {};
}
