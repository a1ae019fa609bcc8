import type { Scenario } from '../try-app.js';

/**
 * Charmzyy/AssetDesk (JSM Assets; `@forge/events` 3, `@forge/kvs`, `@forge/api` 7): the portal
 * footer's async asset load (the resolver writes a 'pending' job record to KVS and pushes to
 * `asset-load-queue`; the modern consumer writes the result; the resolver polls it), before and after
 * the admin saves a configuration, then the CSV import job and the workflow post-function that
 * analyzes an issue's attachment (invoked directly: the post-function module itself is inert here).
 */
const scenario: Scenario = async ({ emu, site, call }) => {
  const poll = async (method: string, jobId: unknown): Promise<void> => {
    await emu.runUntilIdle();
    await call('resolver', method, { jobId });
  };
  await call('resolver', 'getUser');
  await call('resolver', 'getConfig');
  const first = (await call('resolver', 'startAssetLoadJob', { limit: 10 })) as { jobId?: string } | undefined;
  await poll('getAssetLoadJobResult', first?.jobId);
  await call('resolver', 'saveConfig', { schemaId: '7', schemaName: 'IT assets', aqlRows: [{ attribute: 'Owner', operator: '=', userField: 'accountId' }], maxUserAssetLimit: 50 });
  await call('resolver', 'getConfigVersion');
  const second = (await call('resolver', 'startAssetLoadJob', { limit: 10 })) as { jobId?: string } | undefined;
  await poll('getAssetLoadJobResult', second?.jobId);
  const issue = emu.product.site('wild-site').issue(1);
  const csv = (await call('resolver', 'startCsvImportJob', { issueId: issue.id, attachmentId: '10001', objectTypeId: '3' })) as { jobId?: string } | undefined;
  await poll('getCsvImportJobResult', csv?.jobId);
  try {
    console.log('POSTFUNCTION import-analyze-fn ->', await site.invoke('import-analyze-fn', { issue: { id: issue.id, key: issue.key } }));
  } catch (e) {
    console.log('POSTFUNCTION import-analyze-fn THREW', String(e));
  }
};
export default scenario;
