/** Types of forge-bundle.mjs (used by the apps' bundle tests). */
export interface BundleResult {
  outDir: string;
  /** Bundle file per handler module (`index` -> <outDir>/index.cjs). */
  files: Record<string, string>;
  bytes: number;
  ms: number;
  /** npm packages webpack pulled into the bundle. */
  packages: string[];
  /** Modules bundled from outside node_modules, as webpack names them relative to the app (`./src/index.ts`). */
  localModules: string[];
  warnings: string[];
}
export function handlerModules(manifest: unknown): string[];
export function forgeWebpackConfig(options: { appDir: string; outDir: string; modules: string[] }): object;
export function bundleApp(appDir: string, options?: { outDir?: string }): Promise<BundleResult>;
