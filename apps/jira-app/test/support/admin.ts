// This app's admin page resolvers on the emulator (@forge-queue/forge-app-kit's adminHarness): the
// manifest, an install helper and resolver calls as a chosen user, the way @forge/bridge `invoke` makes them.
import { fileURLToPath } from 'node:url';
import { adminHarness } from '@forge-queue/forge-app-kit/vitest';
import * as app from '../../src/index.js';

export type { Answer } from '@forge-queue/forge-app-kit/vitest';
export const { MANIFEST, MANIFEST_WITHOUT_ENTITY, install, accounts, call, data } = adminHarness({
  appDir: fileURLToPath(new URL('../..', import.meta.url)),
  app,
  product: 'jira',
});
