// Builds the admin page (Custom UI) into ui/dist, the manifest's `admin-ui` resource.
// Relative asset paths (Forge serves resources under its own base), no module-preload polyfill
// (it would be an inline script, which Forge's content security policy forbids).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
