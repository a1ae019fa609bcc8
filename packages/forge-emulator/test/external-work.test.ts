import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { readFile as readFileCb } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createServer, connect, type Server } from 'node:net';
import { pbkdf2, pbkdf2Sync, randomFillSync, scrypt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel, Worker } from 'node:worker_threads';
import { promisify } from 'node:util';
import { gzip, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from './helpers.js';

// Taken before any emulator patches the globals: a real timer, as a library holding a reference would have.
const realSetTimeout = globalThis.setTimeout;
const make = useEmulator();
const here = new URL(import.meta.url);

/** Runs `work` in an invocation with a 1 s timeout and returns the virtual ms it saw pass. */
async function virtualElapsed(work: () => Promise<unknown>): Promise<number> {
  const emu = make();
  const inst = emu.install(emu.defineApp({ manifest: { modules: {} }, modules: {} }));
  return inst.run(async () => {
    const t0 = Date.now();
    await work();
    return Date.now() - t0;
  }, { timeoutSeconds: 1 });
}

let server: Server;
let port = 0;
beforeAll(async () => {
  // Answers every line after 30 ms of real time (outside any invocation).
  server = createServer((socket) => {
    socket.on('data', (d) => realSetTimeout(() => socket.end(`echo ${d.toString()}`), 30));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.close();
});

describe('the clock waits for work the emulator does not own', () => {
  // Each would time out the 1 s invocation if the clock jumped to its deadline while the work ran.
  it.each<[string, () => Promise<unknown>]>([
    ['fs/promises (FSREQPROMISE)', () => readFile(here, 'utf8')],
    ['fs callbacks (FSREQCALLBACK)', () => promisify(readFileCb)(here)],
    ['file handles (FSREQPROMISE, FILEHANDLECLOSEREQ)', async () => {
      const fh = await open(here);
      await fh.read(Buffer.alloc(64), 0, 64, 0);
      await fh.close();
    }],
    ['crypto on the thread pool (PBKDF2REQUEST)', () => promisify(pbkdf2)('pw', 'salt', 20_000, 32, 'sha256')],
    ['crypto on the thread pool (SCRYPTREQUEST)', () => promisify(scrypt)('pw', 'salt', 32)],
    ['webcrypto (HASHREQUEST)', () => crypto.subtle.digest('SHA-256', new Uint8Array(1 << 20))],
    ['zlib (ZLIB)', async () => {
      const out = await promisify(gzip)(Buffer.alloc(1 << 20, 7));
      expect(gunzipSync(out).length).toBe(1 << 20);
    }],
    ['DNS (GETADDRINFOREQWRAP)', () => lookup('localhost')],
    ['a real timer taken before the patch (Timeout)', () => new Promise((r) => realSetTimeout(r, 30))],
    ['setImmediate chains (Immediate)', async () => {
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    }],
    ['a socket answered after 30 ms of real time (TCPWRAP, TCPCONNECTWRAP, WRITEWRAP)', async () => {
      const socket = connect(port, '127.0.0.1');
      socket.write('hi');
      let text = '';
      for await (const chunk of socket) text += String(chunk);
      expect(text).toBe('echo hi');
    }],
    ['worker messages (MESSAGEPORT)', async () => {
      const { port1, port2 } = new MessageChannel();
      const got = new Promise((r) => port1.once('message', r));
      realSetTimeout(() => {
        port2.postMessage('late');
      }, 30);
      expect(await got).toBe('late');
      port1.close();
    }],
    ['a worker thread (WORKER)', async () => {
      const worker = new Worker('setTimeout(() => require("node:worker_threads").parentPort.postMessage("done"), 30)', { eval: true });
      expect(await new Promise((r) => worker.once('message', r))).toBe('done');
      await worker.terminate();
    }],
    ['a child process (PROCESSWRAP, PIPEWRAP)', () => promisify(execFile)(process.execPath, ['-e', 'setTimeout(() => console.log("done"), 30)'])],
  ])('%s', async (_name, work) => {
    expect(await virtualElapsed(work)).toBe(0);
  });
});

describe('what does not hold the clock', () => {
  it.each<[string, (virtualSleep: () => Promise<unknown>) => Promise<unknown>]>([
    ['an open file handle', async (virtualSleep) => {
      const fh = await open(here);
      await virtualSleep();
      await fh.close();
    }],
    ['synchronous crypto (a job without a callback)', async (virtualSleep) => {
      pbkdf2Sync('pw', 'salt', 10, 16, 'sha256');
      randomFillSync(new Uint8Array(16));
      await virtualSleep();
    }],
    ['a listening server', async (virtualSleep) => {
      const s = createServer();
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      await virtualSleep();
      s.close();
    }],
    ['an unref\'d real timer', async (virtualSleep) => {
      const t = realSetTimeout(() => undefined, 3_600_000);
      t.unref();
      await virtualSleep();
      clearTimeout(t);
    }],
  ])('%s', async (_name, work) => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: { modules: {} }, modules: {} }));
    const elapsed = await inst.run(async () => {
      const t0 = Date.now();
      await work(() => sleep(600_000));
      return Date.now() - t0;
    }, { timeoutSeconds: 900 });
    expect(elapsed).toBe(600_000);
  });
});
