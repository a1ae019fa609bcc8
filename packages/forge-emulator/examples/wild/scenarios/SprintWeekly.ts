import type { Scenario } from '../try-app.js';

/** AKLutterbach/SprintWeekly: the global page's resolvers (projects, sprints by JQL, the report). */
const scenario: Scenario = async ({ call }) => {
  await call('resolver', 'getText');
  await call('resolver', 'getProjects');
  await call('resolver', 'getSprintsForProject', { projectKey: 'DEMO' });
  await call('resolver', 'report.build', { requestId: 'r-1', scope: { type: 'project', id: 'DEMO' }, window: { type: 'calendar', start: '2025-12-01', end: '2026-01-01' } });
};
export default scenario;
