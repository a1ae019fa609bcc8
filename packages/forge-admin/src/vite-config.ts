// The Vite configuration that builds the shared admin page (this package's ui/) into an app's
// resource folder: each app's ui/vite.config.ts is `adminPageViteConfig(<its ui/dist>)`, so every
// app ships its own copy of the page, as `forge deploy` needs. Relative asset paths (Forge serves
// resources under its own base), no module-preload polyfill (it would be an inline script, which
// Forge's content security policy forbids), no inlined assets.
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

/** The page's sources: ../ui from dist/ (built) or src/ (tests). */
export const ADMIN_PAGE_ROOT = fileURLToPath(new URL('../ui', import.meta.url));

export function adminPageViteConfig(outDir: string): UserConfig {
  return {
    root: ADMIN_PAGE_ROOT,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      target: 'es2022',
    },
  };
}
