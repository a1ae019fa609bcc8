import { describe, expect, test } from 'vitest';
import { MAX_RETRY_AFTER_MS, planTrigger, type TriggerFacts } from './trigger-plan.js';

const facts = (over: Partial<TriggerFacts>): TriggerFacts => ({
  now: 1_000, deadline: 20_000, retriesLeft: 4, bookedAt: undefined, unitsRoomNow: true, unitSlotAt: 1_000, pushFree: true, maxWaitMs: 1_000, ...over,
});

describe('planTrigger', () => {
  test.each<[string, Partial<TriggerFacts>, ReturnType<typeof planTrigger>]>([
    ['units free now: write directly', {}, { kind: 'direct', at: 1_000, book: false }],
    ['units free within the in-place wait: wait, then write (booked)', { unitSlotAt: 1_800 }, { kind: 'direct', at: 1_800, book: true }],
    ['a booked slot that is due: write, even with others booked after it', { bookedAt: 900, unitSlotAt: 50_000 }, { kind: 'direct', at: 1_000, book: false }],
    ['a booked slot, but the window is full (a 429 since): book again', { bookedAt: 900, unitsRoomNow: false, unitSlotAt: 61_000 }, { kind: 'later', retryAfterMs: 60_000, slotAt: 61_000, book: true }],
    ['first attempt, units spent for a minute: come back at the slot', { unitSlotAt: 61_000 }, { kind: 'later', retryAfterMs: 60_000, slotAt: 61_000, book: true }],
    ['slot beyond the longest retryAfter: come back then, nothing booked', { unitSlotAt: 1_000 + MAX_RETRY_AFTER_MS + 5_000 }, { kind: 'later', retryAfterMs: MAX_RETRY_AFTER_MS, slotAt: 1_000 + MAX_RETRY_AFTER_MS + 5_000, book: false }],
    ['two retries left, a push slot free: push, delayed to the slot', { retriesLeft: 2, unitSlotAt: 61_000 }, { kind: 'push', delayMs: 60_000, slotAt: 61_000 }],
    ['two retries left, push spent: come back at the slot', { retriesLeft: 2, unitSlotAt: 61_000, pushFree: false }, { kind: 'later', retryAfterMs: 60_000, slotAt: 61_000, book: true }],
    ['last attempt, push free: push', { retriesLeft: 0, unitSlotAt: 61_000 }, { kind: 'push', delayMs: 60_000, slotAt: 61_000 }],
    ['last attempt, nothing free: wait for the first opening', { retriesLeft: 0, unitSlotAt: 61_000, pushFree: false }, { kind: 'wait' }],
    ['a slot inside the wait but after the deadline: not direct', { unitSlotAt: 1_800, deadline: 1_500 }, { kind: 'later', retryAfterMs: 800, slotAt: 1_800, book: true }],
  ])('%s', (_name, over, plan) => {
    expect(planTrigger(facts(over))).toEqual(plan);
  });
});
