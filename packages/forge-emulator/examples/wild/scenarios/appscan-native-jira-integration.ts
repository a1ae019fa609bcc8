import type { Scenario } from '../try-app.js';

/**
 * HCL-TECH-SOFTWARE/appscan-native-jira-integration: save an hourly auto-import 20 minutes ahead,
 * the import configuration and the credentials (legacy storage, secrets) through the admin resolver,
 * then call the web trigger the hourly schedule also runs: it pushes to the timer queue, whose v1
 * consumer re-pushes itself with `delayInSeconds` until the import time on the virtual clock.
 */
const scenario: Scenario = async ({ emu, site, call }) => {
  const time = new Date(emu.now() + 20 * 60_000).toISOString();
  await call('resolver', 'storage', { type: 'POST', storageKey: 'autoImportConfig', formData: { frequency: 'hourly', time, maxIssues: 10 } });
  await call('resolver', 'storage', { type: 'POST', storageKey: 'importConfiguration', formData: { biDirectionalEnabled: true, projectKey: 'DEMO' } });
  await call('resolver', 'secretStorage', { type: 'POST', storageKey: 'credentials', formData: { url: 'https://appscan.invalid', keyId: 'k', keySecret: 's' } });
  await call('resolver', 'storage', { type: 'GET', storageKey: 'autoImportConfig' });
  const r = await site.webTrigger('my-web-trigger', { method: 'POST', body: '{}' });
  console.log('WEBTRIGGER my-web-trigger ->', r.statusCode, r.body);
  await emu.runUntilIdle();
  console.log('virtual minutes after the drain:', Math.round(emu.metrics().virtualMs / 60_000));
};
export default scenario;
