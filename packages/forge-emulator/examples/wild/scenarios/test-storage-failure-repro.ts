import type { Scenario } from '../try-app.js';

/** ForgedApps/test-storage-failure-repro: the web trigger writes legacy storage and pushes to the queue. */
const scenario: Scenario = async ({ site }) => {
  const r = await site.webTrigger('catalog-sync-webhook', { method: 'POST', body: '{}' });
  console.log('WEBTRIGGER catalog-sync-webhook ->', r.statusCode, r.body);
};
export default scenario;
