import type { FixtureSite, Principal } from './types.js';

/** Jira permissions of the fixture site: admins hold every key, others (and the app) a fixed working set. */
export const JIRA_PERMISSIONS: Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT' }> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL' },
  SYSTEM_ADMIN: { id: '44', name: 'Jira System Administrators', type: 'GLOBAL' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT' },
};

const WORKING_SET = new Set(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'ADD_COMMENTS']);

/** Whether the principal holds a Jira permission on the site (unknown users: the non-admin working set). */
export function hasJiraPermission(site: FixtureSite, who: Principal, key: string): boolean {
  if (who.kind === 'user' && site.findUser(who.accountId)?.admin === true) return key in JIRA_PERMISSIONS;
  return WORKING_SET.has(key);
}

/** Whether the principal is a Confluence administrator (member of confluence-administrators). */
export function isConfluenceAdmin(site: FixtureSite, who: Principal): boolean {
  return who.kind === 'user' && site.findUser(who.accountId)?.admin === true;
}
