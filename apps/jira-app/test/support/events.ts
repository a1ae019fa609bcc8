// Realistic `avi:jira:created:issue` payloads (shape of the Forge product event) and the records
// the app is expected to store for them.
import type { IssueRecord } from '../../src/index.js';

export const EVENT_TYPE = 'avi:jira:created:issue';
const BASE_MS = Date.UTC(2026, 10, 28, 9, 0, 0);

export interface IssueCase { event: Record<string, unknown>; expected: IssueRecord }

/** The `i`-th created issue: project PRJ<i % 3>, created one second after the previous one. */
export function issueCase(i: number): IssueCase {
  const project = `PRJ${i % 3}`;
  const key = `${project}-${i + 1}`;
  const created = new Date(BASE_MS + i * 1000).toISOString();
  const summary = `Imported issue #${i} with "quotes", ünïcödé and a trailing space `;
  return {
    event: {
      eventType: EVENT_TYPE,
      selfGenerated: false,
      atlassianId: '5b10ac8d82e05b22cc7d4ef5',
      issue: {
        id: String(10000 + i),
        key,
        fields: {
          summary,
          created,
          updated: created,
          issuetype: { id: '10001', name: 'Task' },
          project: { id: String(10000 + (i % 3)), key: project, name: `Project ${i % 3}` },
          status: { id: '1', name: 'To Do' },
        },
      },
    },
    expected: { key, summary, project, created },
  };
}

export const issueCases = (count: number): IssueCase[] => Array.from({ length: count }, (_, i) => issueCase(i));
