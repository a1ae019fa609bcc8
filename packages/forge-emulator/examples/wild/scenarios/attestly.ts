import type { Scenario } from '../try-app.js';

/**
 * UgurDogan8/attestly (Confluence read confirmations; `@forge/kvs` custom entities, index queries
 * and transactions, `@forge/api` 8, `@forge/resolver` 2): the administrator assigns a page to
 * themself (config + audit entry in one transaction), reads the page's status, confirms it (the
 * confirmation and the page's counter in one transaction), confirms again (idempotent), then the
 * dashboard, the page detail and history (entity index queries), the settings and a CSV export.
 */
const scenario: Scenario = async ({ emu, call }) => {
  const site = emu.product.site('wild-site');
  const page = site.page(1);
  const me = site.admin.accountId;
  await call('resolver', 'getSettings', {});
  await call('resolver', 'saveSettings', { complianceManagersGroupId: null, reconfirmDefault: true });
  await call('resolver', 'getConfig', { pageId: page.id });
  await call('resolver', 'saveConfig', { pageId: page.id, assignedUsers: [me], assignedGroups: [], dueDate: '2026-02-01', reconfirmOnChange: true });
  const status = (await call('resolver', 'getPageStatus', { pageId: page.id })) as { data?: { pageVersion?: number } } | undefined;
  const pageVersion = status?.data?.pageVersion ?? page.version.number;
  await call('resolver', 'confirm', { pageId: page.id, pageVersion });
  await call('resolver', 'confirm', { pageId: page.id, pageVersion });
  await call('resolver', 'confirm', { pageId: page.id, pageVersion: pageVersion + 1 });
  await call('resolver', 'getPageStatus', { pageId: page.id });
  await call('resolver', 'getDashboard', {});
  await call('resolver', 'getPageDetail', { pageId: page.id });
  await call('resolver', 'getPageHistory', { pageId: page.id });
  await call('resolver', 'exportFile', { format: 'csv', scope: 'page', scopeValue: page.id });
};
export default scenario;
