import { Queue } from '@forge/events';
import { describe, expect, test } from 'vitest';
import { deadLetters, type DeadLetter } from '../src/index.js';
import { harness, type Write } from './harness.js';

const HOUR = 3_600_000;
const MIN = 60_000;

/** Writes of `n` issues, two keys each (like the Jira app). */
function issues(n: number): Write[][] {
  return Array.from({ length: n }, (_, i) => [[`issue:${i}`, { key: `ISSUE-${i}`, summary: `Issue ${i}` }], ['most-recent-issue-created', `ISSUE-${i}`]]);
}

describe.each(['modern', 'resolver'] as const)('guarantees with the %s consumer form', (form) => {
  test('1. no write lost: a 429 storm longer than the platform retry cap (re-drive)', async () => {
    const h = harness({ form, emulator: { delivery: { maxRetries: 4 } } });
    const t0 = h.emu.now();
    h.emu.dispose();
    const h2 = harness({ form, emulator: { delivery: { maxRetries: 4 }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 3 * HOUR }] } } });
    for (const w of issues(20)) h2.fire(w);
    await h2.emu.runUntilIdle();
    expect(h2.emu.inspect().dropped).toEqual([]);
    expect(Object.keys(h2.userEntries())).toHaveLength(21);
    expect(h2.outcomes.some((o) => o.outcome === 'redrive')).toBe(true);
    expect(h2.deadLetterEntries()).toEqual([]);
    // Three virtual hours of 20 events re-driven every three deliveries: a few seconds of CPU, more on a busy CI runner.
  }, 30_000);

  test('1b. no write lost when the retention window ends first (platform retries unlimited)', async () => {
    const probe = harness({ form });
    const t0 = probe.emu.now();
    probe.emu.dispose();
    const h = harness({
      form,
      emulator: { delivery: { maxRetries: 1000, retentionMs: 30 * MIN }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 2 * HOUR }] } },
      consumer: { maxRetries: 1000, retentionMs: 30 * MIN },
    });
    for (const w of issues(5)) h.fire(w);
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    expect(Object.keys(h.userEntries())).toHaveLength(6);
    expect(h.outcomes.some((o) => o.outcome === 'redrive')).toBe(true);
  });
});

describe('dead letters', () => {
  test('every write is applied or dead-lettered (never dropped); replaying dead letters applies them', async () => {
    const h = harness({ emulator: { seed: 5, faults: { kvs5xxRate: 0.85 } }, consumer: { maxAgeMs: 10 * MIN } });
    const expected = new Map<string, unknown>();
    for (const w of issues(6)) {
      h.fire(w);
      for (const [k, v] of w) expected.set(k, v);
    }
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    const dead = h.deadLetterEntries().map(([, v]) => v as DeadLetter);
    expect(dead.length).toBeGreaterThan(0);
    expect(dead.every((d) => d.reason === 'max-age' && d.attempts > 1 && d.lastError.length > 0)).toBe(true);
    const deadKeys = new Set(dead.flatMap((d) => d.ops.map((op) => op.k)));
    for (const key of expected.keys()) {
      if (key === 'most-recent-issue-created') continue; // written by every trigger
      expect(deadKeys.has(key) || h.userEntries()[key] !== undefined).toBe(true);
    }
    // Replay until nothing is left (faults stay on: replayed writes may die again, then be replayed).
    const dl = deadLetters();
    for (let round = 0; round < 30 && h.deadLetterEntries().length > 0; round++) {
      const page = await h.inst.run(() => dl.list({ limit: 100 }));
      for (const d of page.items) await h.inst.run(() => dl.replay(d.id));
      await h.emu.runUntilIdle();
    }
    expect(h.deadLetterEntries()).toEqual([]);
    const final = h.userEntries();
    expected.delete('most-recent-issue-created');
    expect(Object.fromEntries([...expected.keys()].map((k) => [k, final[k]]))).toEqual(Object.fromEntries(expected));
    expect(final['most-recent-issue-created']).toBe('ISSUE-5');
    expect(await h.inst.run(() => dl.discard('nope'))).toBe(false);
    await expect(h.inst.run(() => dl.replay('nope'))).rejects.toMatchObject({ code: 'QS_DEAD_LETTER_NOT_FOUND' });
  });

  test.each([
    ['a string-free foreign body', { issueKey: 'A-1' }],
    ['an unknown format version', { qs: 7, id: 'x', at: 1, ops: [] }],
    ['missing fields', { qs: 1 }],
  ])('a malformed event (%s) is dead-lettered, never crashes or retries', async (_name, body) => {
    const h = harness();
    await h.inst.run(() => new Queue({ key: 'storage-queue' }).push([{ body }]));
    await h.emu.runUntilIdle();
    const [record] = h.deadLetterEntries().map(([, v]) => v as DeadLetter);
    expect(record).toMatchObject({ reason: 'malformed', ops: [] });
    expect(h.emu.inspect().log.filter((e) => e.kind === 'consumer').map((e) => e.outcome)).toEqual(['ok']);
    const dl = deadLetters();
    await expect(h.inst.run(() => dl.replay(record!.id))).rejects.toMatchObject({ code: 'QS_NOT_REPLAYABLE' });
    expect(await h.inst.run(() => dl.discard(record!.id))).toBe(true);
    expect(h.deadLetterEntries()).toEqual([]);
  });
});

describe('malformed events while KVS throttles', () => {
  test('a foreign event during a long 429 storm is carried on (re-driven) until its dead letter is stored', async () => {
    const probe = harness();
    const t0 = probe.emu.now();
    probe.emu.dispose();
    const h = harness({ emulator: { delivery: { maxRetries: 4 }, faults: { kvs429Storms: [{ fromMs: t0, toMs: t0 + 2 * HOUR }] } } });
    await h.inst.run(() => new Queue({ key: 'storage-queue' }).push([{ body: { issueKey: 'PROJ-1' } }]));
    await h.emu.runUntilIdle();
    expect(h.emu.inspect().dropped).toEqual([]);
    const records = h.deadLetterEntries().map(([, v]) => v as DeadLetter);
    expect(records).toEqual([expect.objectContaining({ reason: 'malformed', raw: JSON.stringify({ issueKey: 'PROJ-1' }) })]);
    expect(h.outcomes.some((o) => o.outcome === 'redrive')).toBe(true);
  });

  test('list() leaves values out unless asked; get() returns the whole record', async () => {
    const h = harness();
    await h.inst.run(() => new Queue({ key: 'storage-queue' }).push([{ body: { secret: 'S3CRET' } }]));
    await h.emu.runUntilIdle();
    const dl = deadLetters();
    const plain = await h.inst.run(() => dl.list());
    expect(JSON.stringify(plain)).not.toContain('S3CRET');
    const full = await h.inst.run(() => dl.list({ values: true }));
    expect(JSON.stringify(full)).toContain('S3CRET');
    expect((await h.inst.run(() => dl.get(plain.items[0]!.id)))?.raw).toContain('S3CRET');
  });
});
