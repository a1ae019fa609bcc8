import { describe, expect, test } from 'vitest';
import type { QueuePort } from '../../src/ports.js';
import type { PortDriver } from './kvs-port.js';

/** The behaviour the library relies on from a QueuePort. */
export function queuePortConformance(name: string, make: () => PortDriver<QueuePort>): void {
  describe(`QueuePort conformance: ${name}`, () => {
    test('push returns a job id and no failures', async () => {
      const { port, run } = make();
      const outcome = await run(() => port.push([{ body: { a: 1 } }, { body: { b: 2 }, delayInSeconds: 5 }]));
      expect(typeof outcome.jobId).toBe('string');
      expect(outcome.jobId.length).toBeGreaterThan(0);
      expect(outcome.failed).toEqual([]);
    });

    test('getStats answers numbers for a pushed job', async () => {
      const { port, run } = make();
      const stats = await run(async () => port.getStats((await port.push([{ body: { a: 1 } }])).jobId));
      expect(stats).toEqual({ success: expect.any(Number) as unknown, inProgress: expect.any(Number) as unknown, failed: expect.any(Number) as unknown });
    });
  });
}
