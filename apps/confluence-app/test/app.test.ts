// The shared suites of @forge-queue/forge-app-kit with this app's expectations: manifest.yml
// validation and shape, trigger -> queue -> consumer, end to end on the emulator (both consumer
// forms; healthy storage, a KVS 429 storm, 2000 pages at one instant) and the Forge bundle.
import { fileURLToPath } from 'node:url';
import { describeForgeApp } from '@forge-queue/forge-app-kit/vitest';
import * as app from '../src/index.js';
import { EVENT_TYPE, pageCases } from './support/events.js';

describeForgeApp({
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  app,
  name: 'confluence-app',
  product: 'confluence',
  eventType: EVENT_TYPE,
  items: 'pages',
  keyPrefix: 'page:',
  recordId: (record) => record.id,
  mostRecentKey: 'most-recent-page-created',
  makeCases: pageCases,
  resolverManifest: fileURLToPath(new URL('./fixtures/resolver-consumer.manifest.yml', import.meta.url)),
  scopes: ['storage:app', 'read:confluence-content.summary'],
  missingScopeMessage: /requires 'read:confluence-content.summary' scope/,
});
