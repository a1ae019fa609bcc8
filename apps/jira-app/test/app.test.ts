// The shared suites of @forge-queue/forge-app-kit with this app's expectations: manifest.yml
// validation and shape, trigger -> queue -> consumer, end to end on the emulator (both consumer
// forms; healthy storage, a KVS 429 storm, 2000 issues at one instant) and the Forge bundle.
import { fileURLToPath } from 'node:url';
import { describeForgeApp } from '@forge-queue/forge-app-kit/vitest';
import * as app from '../src/index.js';
import { EVENT_TYPE, issueCases } from './support/events.js';

describeForgeApp({
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  app,
  name: 'jira-app',
  product: 'jira',
  eventType: EVENT_TYPE,
  items: 'issues',
  keyPrefix: 'issue:',
  recordId: (record) => record.key,
  mostRecentKey: 'most-recent-issue-created',
  makeCases: issueCases,
  resolverManifest: fileURLToPath(new URL('./fixtures/resolver-consumer.manifest.yml', import.meta.url)),
  scopes: ['storage:app', 'read:jira-work'],
  missingScopeMessage: /requires 'read:jira-work' scope/,
});
