import {
  InvalidPushSettingsError, InvalidQueueNameError, JobDoesNotExistError, PartialSuccessError, PayloadTooBigError, Queue, TooManyEventsError,
} from '@forge/events';
import { describe, expect, it } from 'vitest';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();

describe('async events through the real @forge/events client', () => {
  const setup = (faults = {}) => {
    const emu = make({ faults });
    const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } });
    return { emu, inst: emu.install(app) };
  };

  it.each([
    ['more than 50 events', Array.from({ length: 51 }, () => ({ body: {} })), TooManyEventsError],
    ['more than 200 KB', [{ body: { s: 'x'.repeat(201 * 1024) } }], PayloadTooBigError],
    ['a delay over 900 s', [{ body: {}, delayInSeconds: 901 }], InvalidPushSettingsError],
  ])('rejects a push with %s', async (_name, events, errorClass) => {
    const { inst } = setup();
    expect(await caught(() => inst.run(() => new Queue({ key: 'q' }).push(events)))).toBeInstanceOf(errorClass);
  });

  it('rejects an invalid queue name', () => {
    expect(() => new Queue({ key: 'bad name' })).toThrow(InvalidQueueNameError);
  });

  it('reports job stats and 404s unknown jobs', async () => {
    const { inst, emu } = setup();
    const queue = new Queue({ key: 'q' });
    const { jobId } = await inst.run(() => queue.push([{ body: { a: 1 } }, { body: { a: 2 } }]));
    expect(await inst.run(() => queue.getJob(jobId).getStats())).toEqual({ success: 0, inProgress: 2, failed: 0 });
    await emu.runUntilIdle();
    expect(await inst.run(() => queue.getJob(jobId).getStats())).toEqual({ success: 2, inProgress: 0, failed: 0 });
    expect(await caught(() => inst.run(() => queue.getJob('no-such-job').getStats()))).toBeInstanceOf(JobDoesNotExistError);
  });

  it('cancel stops events that have not started', async () => {
    const { inst, emu } = setup();
    const queue = new Queue({ key: 'q' });
    const { jobId } = await inst.run(() => queue.push([{ body: {}, delayInSeconds: 60 }]));
    await inst.run(() => queue.cancel(jobId));
    await emu.runUntilIdle();
    expect(emu.metrics().eventsDelivered).toBe(0);
    expect(emu.inspect().dropped.map((d) => d.reason)).toEqual(['cancelled']);
  });

  it('answers 202 with failedEvents under injected partial failure', async () => {
    const { inst } = setup({ pushPartialFailureRate: 0.5 });
    const events = Array.from({ length: 20 }, (_, i) => ({ body: { i } }));
    const err = await caught(() => inst.run(() => new Queue({ key: 'q' }).push(events)));
    expect(err).toBeInstanceOf(PartialSuccessError);
    const failed = err instanceof PartialSuccessError ? err.failedEvents : [];
    expect(failed.length).toBeGreaterThan(0);
    expect(inst.metrics().eventsPushed).toBe(20 - failed.length);
  });
});
