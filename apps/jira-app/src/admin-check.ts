// Who may use the admin page: users with Jira's global ADMINISTER permission, asked of the product
// permissions API as the calling user (asUser), on every resolver call.
import { asUser, route } from '@forge/api';
import { AdminError } from '@forge-queue/forge-admin';

interface MyPermissions {
  permissions?: Record<string, { havePermission?: boolean } | undefined>;
}

/** Throws `AdminError` ADMIN_REQUIRED unless the calling user administers Jira. */
export async function requireAdmin(accountId: string | undefined): Promise<void> {
  if (accountId === undefined || accountId === '') {
    throw new AdminError('ADMIN_CHECK_FAILED', 'This page needs a signed-in user: the call carried no accountId.');
  }
  let answer: Awaited<ReturnType<ReturnType<typeof asUser>['requestJira']>>;
  try {
    answer = await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, { headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new AdminError('ADMIN_CHECK_FAILED', `Could not ask Jira for your permissions: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (!answer.ok) throw new AdminError('ADMIN_CHECK_FAILED', `Jira's permissions API answered ${answer.status} ${answer.statusText}.`);
  const body = (await answer.json()) as MyPermissions;
  if (body.permissions?.ADMINISTER?.havePermission !== true) {
    throw new AdminError('ADMIN_REQUIRED', 'Only Jira administrators can view and change the storage queue (you lack the ADMINISTER permission).');
  }
}
