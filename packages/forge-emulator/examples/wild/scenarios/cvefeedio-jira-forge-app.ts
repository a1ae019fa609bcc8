import type { Scenario } from '../try-app.js';

/** mdisec/cvefeedio-jira-forge-app: admin and issue-panel resolvers, the incoming web trigger. */
const scenario: Scenario = async ({ site, call }) => {
  await call('admin-resolver', 'getAdminConfig', {});
  await call('admin-resolver', 'addProject', { apiToken: 'tok', projectId: 'p1' });
  await call('admin-resolver', 'getJiraProjects', {});
  await call('admin-resolver', 'getJiraIssueTypes', { projectKey: 'DEMO' });
  await call('issue-panel-resolver', 'getIssueVulnerabilities', { issueKey: 'DEMO-1' }, { extension: { issue: { key: 'DEMO-1', id: '10001' } } });
  const r = await site.webTrigger('cvefeed-incoming-webhook', { method: 'POST', body: JSON.stringify({ event: 'cve.published', cve_id: 'CVE-2026-0001' }) });
  console.log('WEBTRIGGER cvefeed-incoming-webhook ->', r.statusCode, r.body.slice(0, 200));
};
export default scenario;
