import type { Scenario } from '../try-app.js';

/**
 * depodefi/kup-jira-plugin (Jira, Polish KUP creative-hours reports; `@forge/events` 2, `@forge/kvs`
 * custom entity with an index): the admin makes themself a KUP manager (KVS), saves an absence
 * adjustment (custom entity; its lock check is a JQL search on an issue property), reads it back and
 * the month's adjustments (entity index query), then requests a payroll export: the resolver pushes to
 * `payroll-export-queue`, the modern consumer builds the file and stores it in KVS, and the poll
 * resolver hands it over and deletes it.
 */
const scenario: Scenario = async ({ emu, call }) => {
  const me = emu.product.site('wild-site').admin.accountId;
  const month = '2026-01-KUP';
  await call('adminResolver', 'getKupConfig');
  await call('adminResolver', 'saveKupConfig', { enableAll: true, managerUsers: [me], availableMonths: [month], monthWorkingHours: { [month]: 168 } });
  await call('adminResolver', 'getCurrentUserRole');
  await call('managerResolver', 'getAvailableMonths');
  await call('managerResolver', 'saveMyAdjustment', { month, absenceHours: 8, overtimeHours: 2 });
  await call('managerResolver', 'saveMyAdjustment', { month, absenceHours: 800, overtimeHours: 0 });
  await call('managerResolver', 'getMyAdjustment', { month });
  await call('managerResolver', 'getAdjustmentsForMonth', { month });
  await call('managerResolver', 'getManagerReport', { month });
  await call('managerResolver', 'requestPayrollExport', { month, format: 'csv' });
  await call('managerResolver', 'getExportStatus', { month });
  await emu.runUntilIdle();
  await call('managerResolver', 'getExportStatus', { month });
  await call('managerResolver', 'getExportStatus', { month });
};
export default scenario;
