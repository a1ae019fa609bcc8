import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { kvs } from '@forge/kvs';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../src/index.js';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const here = new URL(import.meta.url);

/** What an invocation draws from every random source the emulator seeds. */
async function draws(seed: number): Promise<unknown[]> {
  const emu = make({ seed });
  const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
  const one = () => inst.run(async () => [
    Math.random(),
    randomUUID(),
    globalThis.crypto.randomUUID(),
    [...globalThis.crypto.getRandomValues(new Uint8Array(4))],
    randomBytes(4).toString('hex'),
    await new Promise((r) => {
      randomBytes(4, (_e, b) => {
        r(b.toString('hex'));
      });
    }),
    (await new Queue({ key: 'q' }).push({ body: {} })).jobId,
  ]);
  const out = [await one(), await one()];
  emu.dispose();
  return out;
}

describe('randomness inside invocations', () => {
  it('repeats with the seed, differs between invocations and between seeds', async () => {
    const a = await draws(5);
    expect(await draws(5)).toEqual(a);
    expect(a[0]).not.toEqual(a[1]);
    expect(await draws(6)).not.toEqual(a);
  });

  it('leaves randomness outside invocations alone', () => {
    make({ seed: 5 });
    expect(randomUUID()).not.toBe(randomUUID());
    expect(Math.random()).not.toBe(Math.random());
  });
});

describe('setInterval inside invocations', () => {
  it('runs on the virtual clock and stops on clearInterval', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor([]), modules: {} }));
    const ticks = await inst.run(async () => {
      const seen: number[] = [];
      const t0 = Date.now();
      const id = setInterval(() => seen.push(Date.now() - t0), 1000);
      await new Promise((r) => setTimeout(r, 3500));
      clearInterval(id);
      await new Promise((r) => setTimeout(r, 5000));
      return seen;
    });
    expect(ticks).toEqual([1000, 2000, 3000]);
  });
});

const OPTIONS: EmulatorOptions = {
  seed: 11,
  faults: { kvs5xxRate: 0.1, timeoutRate: 0.1, duplicateRate: 0.1, reorder: 0.5, latencyMs: [0, 40] },
  quotas: { kvsWriteUnitsPerMinute: 30 },
};

/**
 * A consumer that does real I/O (a file read, zlib) between platform calls and jitters its retries
 * with Math.random; a history of every attempt, metrics and the final store.
 */
async function history(): Promise<string> {
  const emu = make(OPTIONS);
  const consume = async (event: { body: { i: number }; retryContext?: unknown }) => {
    const text = await readFile(here, 'utf8');
    const size = gzipSync(text.slice(0, 2000 + event.body.i)).length;
    try {
      await kvs.set(`k${event.body.i}`, { size, at: Date.now() });
    } catch {
      return new InvocationError({ retryAfter: 1 + Math.floor(Math.random() * 30), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    return undefined;
  };
  const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: consume } } }));
  await inst.run(async () => {
    for (let i = 0; i < 60; i += 20) await new Queue({ key: 'q' }).push(Array.from({ length: 20 }, (_, j) => ({ body: { i: i + j } })));
  });
  await emu.runUntilIdle();
  const out = JSON.stringify({ log: emu.inspect().log, dropped: emu.inspect().dropped, metrics: emu.metrics(), kvs: inst.kvs.entries() });
  emu.dispose();
  return createHash('sha256').update(out).digest('hex');
}

/** Threads that keep every core busy until terminated. */
function burnCpu(threads: number): Worker[] {
  return Array.from({ length: threads }, () => new Worker('for (;;) {}', { eval: true }));
}

describe('one seed, one history', () => {
  it('answers platform calls made while real I/O races in invocation order, not in I/O completion order', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor([]), modules: {} }));
    const write = (file: string | URL, name: string) => inst.run(async () => {
      await readFile(file);
      await kvs.set('last', name);
    });
    // The first invocation reads the Node binary (tens of MB), the second this small file: the
    // second read finishes first, yet the first invocation's write is answered first.
    await Promise.all([write(process.execPath, 'first'), write(here, 'second')]);
    expect(inst.kvs.get('last')).toBe('second');
  });

  it('gives the same history beside CPU-burning threads', async () => {
    const quiet = await history();
    const burners = burnCpu(2);
    try {
      expect(await history()).toBe(quiet);
    } finally {
      await Promise.all(burners.map((w) => w.terminate()));
    }
  }, 60_000);
});
