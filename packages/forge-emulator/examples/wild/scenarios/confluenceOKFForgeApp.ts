import type { Scenario } from '../try-app.js';

/**
 * TheDThompsonDev/confluenceOKFForgeApp (Confluence knowledge graph; `@forge/kvs`, `@forge/api` 8,
 * `@forge/resolver` 2): the global page's resolvers (spaces, watched spaces in KVS, the graph of a
 * space, a health check), the two Rovo action functions invoked directly as the administrator (their
 * modules are inert here), and the `ingest-now` web trigger. The hourly ingest and the daily maintenance run from
 * their scheduled triggers afterwards (try-app moves the clock on).
 */
const scenario: Scenario = async ({ emu, site, call }) => {
  const accountId = emu.product.site('wild-site').admin.accountId;
  await call('resolver', 'getSpaces');
  await call('resolver', 'watchSpace', { spaceKey: 'ENG' });
  await call('resolver', 'getWatchedSpaces');
  await call('resolver', 'getGraph', { spaceKey: 'ENG' });
  await call('resolver', 'runHealthCheck', { spaceKey: 'ENG' });
  for (const [fn, payload] of [['find-entries-fn', { query: 'release' }], ['get-graph-health-fn', { spaceKey: 'ENG' }]] as const) {
    try {
      console.log(`ACTION ${fn} ->`, JSON.stringify(await site.invoke(fn, payload, { accountId })).slice(0, 300));
    } catch (e) {
      console.log(`ACTION ${fn} THREW`, String(e).slice(0, 300));
    }
  }
  const r = await site.webTrigger('ingest-now', { method: 'POST', body: JSON.stringify({ spaceKey: 'ENG' }) });
  console.log('WEBTRIGGER ingest-now ->', r.statusCode, r.body.slice(0, 300));
};
export default scenario;
