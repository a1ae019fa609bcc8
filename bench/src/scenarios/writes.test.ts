import { describe, expect, test } from 'vitest';
import { shrink, SCENARIOS } from './definitions.js';
import { arrivalOffset, issueCreatedEvent } from './events.js';
import { hotRange, hotWrite, issueWrites, syncWrite } from './writes.js';

describe('load generators', () => {
  test('an issue event yields the record and the most-recent key', () => {
    const writes = issueWrites(issueCreatedEvent(4, Date.UTC(2026, 0, 1)));
    expect(writes.map(([key]) => key)).toEqual(['issue:IMP-5', 'most-recent-issue-created']);
  });

  test('sync values are about the requested size', () => {
    const [, value] = syncWrite(123, 1000);
    expect(JSON.stringify(value).length).toBeGreaterThanOrEqual(1000);
    expect(JSON.stringify(value).length).toBeLessThan(1010);
  });

  test('hot ranges cover every update exactly once', () => {
    const seen: number[] = [];
    for (let index = 0; index < 7; index += 1) {
      const [from, to] = hotRange(index, 7, 5000);
      for (let update = from; update < to; update += 1) seen.push(update);
    }
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(new Set(seen.map((u) => hotWrite(u, 10)[0])).size).toBe(10);
  });

  test('arrivals spread over the window', () => {
    expect(arrivalOffset(0, 5000, 60_000)).toBe(0);
    expect(arrivalOffset(4999, 5000, 60_000)).toBeLessThan(60_000);
    expect(arrivalOffset(2500, 5000, 60_000)).toBe(30_000);
  });

  test('shrink divides the load and keeps the rest', () => {
    for (const scenario of SCENARIOS) {
      const small = shrink(scenario, 100);
      expect(small.name).toBe(scenario.name);
      expect(JSON.stringify(small.workload)).not.toBe(JSON.stringify(scenario.workload));
    }
  });
});
