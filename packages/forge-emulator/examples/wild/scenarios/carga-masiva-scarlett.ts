import type { Scenario } from '../try-app.js';

/** FacundoDuarte/carga-masiva-scarlett: the CSV import resolver (JQL search, then one push per row). */
const scenario: Scenario = async ({ call }) => {
  await call('resolver', 'createJiraIssuesFromCsv', { csvData: [{ Summary: 'a', Description: 'd', 'ID Scarlett': 'S1', Pais: 'AR' }] });
};
export default scenario;
