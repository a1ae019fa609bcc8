import { describe, expect, test } from 'vitest';
import { PushQuotaSpentError } from '../errors.js';
import { TRIGGER_MAX_RETRIES, triggerAttempt, wrapTrigger, type TriggerAttempts } from './trigger.js';

describe('triggerAttempt', () => {
  test.each<[string, unknown, { retriesLeft: number; bookedAt: number | undefined }]>([
    ['first attempt (no retryContext)', { issue: {} }, { retriesLeft: TRIGGER_MAX_RETRIES, bookedAt: undefined }],
    ['a retry with the slot this library booked', { retryContext: { retryCount: 1, retryData: { queuedStorage: { slotAt: 61_000 } } } }, { retriesLeft: 3, bookedAt: 61_000 }],
    ['the last retry, retryData of someone else', { retryContext: { retryCount: 4, retryData: { other: 1 } } }, { retriesLeft: 0, bookedAt: undefined }],
    ['the fields on the event itself', { retryCount: 2, retryData: { queuedStorage: { slotAt: 5 } } }, { retriesLeft: 2, bookedAt: 5 }],
    ['garbage', { retryContext: { retryCount: 'x', retryData: { queuedStorage: { slotAt: 'y' } } } }, { retriesLeft: TRIGGER_MAX_RETRIES, bookedAt: undefined }],
    ['not an object', null, { retriesLeft: TRIGGER_MAX_RETRIES, bookedAt: undefined }],
  ])('%s', (_name, event, attempt) => {
    expect(triggerAttempt(event)).toEqual(attempt);
  });
});

describe('wrapTrigger', () => {
  test('PushQuotaSpentError becomes a retry timed to the slot, the slot in retryData; the attempt is known while the handler runs', async () => {
    const attempts: TriggerAttempts = new Map();
    let seen: unknown;
    const handler = wrapTrigger(() => {
      seen = [...attempts.values()];
      throw new PushQuotaSpentError(2, 59_200, 61_000);
    }, attempts);
    const result = await handler({ retryContext: { retryCount: 1 } }, {});
    expect(seen).toEqual([{ retriesLeft: 3, bookedAt: undefined }]);
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      _retry: true, retryOptions: { retryAfter: 60, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { queuedStorage: { slotAt: 61_000 } } },
    });
    expect(attempts.size).toBe(0);
  });

  test.each([
    ['another error', { retryContext: { retryCount: 1 } }, new Error('boom')],
    ['PushQuotaSpentError on the last attempt (no retry left to ask for)', { retryContext: { retryCount: 4 } }, new PushQuotaSpentError(1, 1_000)],
  ])('%s is thrown', async (_name, event, error) => {
    const handler = wrapTrigger(() => { throw error; }, new Map());
    await expect(handler(event, {})).rejects.toBe(error);
  });
});
