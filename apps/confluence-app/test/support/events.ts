// Realistic `avi:confluence:created:page` payloads (shape of the Forge product event) and the
// records the app is expected to store for them.
import type { PageRecord } from '../../src/index.js';

export const EVENT_TYPE = 'avi:confluence:created:page';
const BASE_MS = Date.UTC(2026, 10, 28, 9, 0, 0);

export interface PageCase { event: Record<string, unknown>; expected: PageRecord }

/** The `i`-th created page: space SP<i % 3>, created one second after the previous one. */
export function pageCase(i: number): PageCase {
  const id = String(838205441 + i);
  const space = `SP${i % 3}`;
  const created = new Date(BASE_MS + i * 1000).toISOString();
  const title = `Meeting notes #${i}: "quotes", ünïcödé and a trailing space `;
  return {
    event: {
      eventType: EVENT_TYPE,
      atlassianId: '5b10ac8d82e05b22cc7d4ef5',
      suppressNotifications: false,
      content: {
        id,
        type: 'page',
        status: 'current',
        title,
        space: { id: 1000 + (i % 3), key: space, name: `Space ${i % 3}`, type: 'global', status: 'current' },
        history: { latest: true, createdDate: created, createdBy: { accountId: '5b10ac8d82e05b22cc7d4ef5' } },
        version: { number: 1, when: created, minorEdit: false },
      },
    },
    expected: { id, title, space, created },
  };
}

export const pageCases = (count: number): PageCase[] => Array.from({ length: count }, (_, i) => pageCase(i));
