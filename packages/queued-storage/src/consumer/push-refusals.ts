import { classifyFailure } from '../classify.js';
import type { QueuePort } from '../ports.js';

/**
 * When this consumer instance last saw the push quota refuse a re-drive (429), per installation.
 * A re-drive costs a push; while pushes are being refused, every extra life an event starts takes a
 * push from another event's re-drive (soak seed 160004828: a 25-minute storm, a 10-minute window, 1
 * event a minute, events re-driving every 3 minutes starved each other until one was dropped). The
 * planner then keeps room for one failed delivery instead of `reserveRetries` (plan.ts), so lives
 * are longer and re-drives fewer.
 */
export interface PushRefusals {
  /** The last refusal seen for `installation`, ms. */
  lastAt(installation: string): number | undefined;
  refused(installation: string, at: number): void;
}

export function createPushRefusals(): PushRefusals {
  const last = new Map<string, number>();
  return {
    lastAt: (installation) => last.get(installation),
    refused(installation, at) {
      last.set(installation, Math.max(at, last.get(installation) ?? at));
    },
  };
}

/** Whether a refusal at `lastAt` is recent: within the retention window `windowMs` before `now`. */
export function pushesScarce(lastAt: number | undefined, now: number, windowMs: number): boolean {
  return lastAt !== undefined && now - lastAt < windowMs;
}

/** The queue port, telling `onRefused` of every push the quota refused (a thrown 429). */
export function notingRefusals(port: QueuePort, onRefused: () => void): QueuePort {
  return {
    push: async (events) => {
      try {
        return await port.push(events);
      } catch (error) {
        if (classifyFailure(error).kind === 'rate-limited') onRefused();
        throw error;
      }
    },
    getStats: (jobId) => port.getStats(jobId),
  };
}
