/** Product-event payloads shaped like Forge's (forge-platform.md, "Trigger events"). */

export const JIRA_ISSUE_CREATED = 'avi:jira:created:issue';
export const CONFLUENCE_PAGE_CREATED = 'avi:confluence:created:page';

export interface IssueCreatedEvent {
  eventType: typeof JIRA_ISSUE_CREATED;
  issue: {
    id: string;
    key: string;
    fields: { summary: string; project: { id: string; key: string; name: string }; issuetype: { name: string }; created: string };
  };
  atlassianId: string;
  selfGenerated: boolean;
}

export interface PageCreatedEvent {
  eventType: typeof CONFLUENCE_PAGE_CREATED;
  content: { id: string; type: 'page'; title: string; space: { key: string }; history: { createdDate: string }; version: { number: number; when: string } };
  atlassianId: string;
}

export function issueCreatedEvent(index: number, createdMs: number): IssueCreatedEvent {
  return {
    eventType: JIRA_ISSUE_CREATED,
    issue: {
      id: String(10_000 + index),
      key: `IMP-${index + 1}`,
      fields: {
        summary: `Imported issue ${index + 1}`,
        project: { id: '10000', key: 'IMP', name: 'Import' },
        issuetype: { name: 'Task' },
        created: new Date(createdMs).toISOString(),
      },
    },
    atlassianId: 'bench-user',
    selfGenerated: false,
  };
}

export function pageCreatedEvent(index: number, createdMs: number): PageCreatedEvent {
  const created = new Date(createdMs).toISOString();
  return {
    eventType: CONFLUENCE_PAGE_CREATED,
    content: {
      id: String(200_000 + index),
      type: 'page',
      title: `Imported page ${index + 1}`,
      space: { key: 'DOCS' },
      history: { createdDate: created },
      version: { number: 1, when: created },
    },
    atlassianId: 'bench-user',
  };
}

/** Virtual offset (ms from the start) of the index-th of `count` events spread over `windowMs`. */
export function arrivalOffset(index: number, count: number, windowMs: number): number {
  return count <= 1 ? 0 : Math.floor((index * windowMs) / count);
}
