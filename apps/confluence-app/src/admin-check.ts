// Who may use the settings page: Confluence administrators, asked of the product as the calling user
// (asUser): the current user's global operations include `administer` on the application.
import { asUser, route } from '@forge/api';
import { AdminError } from '@forge-queue/forge-admin';

interface CurrentUser {
  operations?: Array<{ operation?: string; targetType?: string }>;
}

/** Throws `AdminError` ADMIN_REQUIRED unless the calling user administers Confluence. */
export async function requireAdmin(accountId: string | undefined): Promise<void> {
  if (accountId === undefined || accountId === '') {
    throw new AdminError('ADMIN_CHECK_FAILED', 'This page needs a signed-in user: the call carried no accountId.');
  }
  let answer: Awaited<ReturnType<ReturnType<typeof asUser>['requestConfluence']>>;
  try {
    answer = await asUser().requestConfluence(route`/wiki/rest/api/user/current?expand=operations`, { headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new AdminError('ADMIN_CHECK_FAILED', `Could not ask Confluence for your permissions: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (!answer.ok) throw new AdminError('ADMIN_CHECK_FAILED', `Confluence answered ${answer.status} ${answer.statusText} for the current user.`);
  const body = (await answer.json()) as CurrentUser;
  if (body.operations?.some((o) => o.operation === 'administer' && o.targetType === 'application') !== true) {
    throw new AdminError('ADMIN_REQUIRED', 'Only Confluence administrators can view and change the storage queue (you lack the administer operation).');
  }
}
