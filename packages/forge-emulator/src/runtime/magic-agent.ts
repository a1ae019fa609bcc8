import http from 'node:http';
import https from 'node:https';
import { AsyncResource } from 'node:async_hooks';
import { Readable, Writable } from 'node:stream';
import type { ForgeFetch } from './globals.js';

/**
 * `@forge/api` 4 and earlier send product and storage requests with `node-fetch` to `https://{remote}{path}`
 * with `agent: 'FORGE_PRODUCT_REQUEST'` (a string the Forge runtime recognises; plain Node rejects it with
 * ERR_INVALID_ARG_TYPE) and `authorization: Forge app|user|none`. While an emulator is active, requests
 * with such an agent are answered by the emulator's `__forge_fetch__`; every other request is untouched.
 */
const MAGIC_AGENTS = new Set(['FORGE_PRODUCT_REQUEST', 'EXTERNAL_AUTH_REQUEST']);

type RequestFn = typeof http.request;
type Options = { agent?: unknown; protocol?: string; hostname?: string; host?: string; path?: string; method?: string; headers?: Record<string, unknown> };
type Lite = { status: number; statusText: string; text(): Promise<string> };

let originals: { http: RequestFn; https: RequestFn } | undefined;

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
}

/** A ClientRequest look-alike: collects the body, then answers through `__forge_fetch__` in the caller's async context. */
function fakeRequest(fetch: ForgeFetch, o: Options): http.ClientRequest {
  const chunks: Buffer[] = [];
  const req = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  const auth = header(o.headers, 'authorization') ?? 'Forge none';
  const provider = /^Forge (app|user|none)$/.exec(auth)?.[1] ?? 'none';
  const remote = o.agent === 'EXTERNAL_AUTH_REQUEST' ? `external:${o.hostname ?? ''}` : (o.hostname ?? o.host ?? '');
  const send = AsyncResource.bind(async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const init = { method: o.method ?? 'GET', headers: o.headers, ...(body === '' ? {} : { body }) };
    const res = (await fetch({ type: 'fpp', provider, remote }, o.path ?? '/', init)) as Lite;
    const text = await res.text();
    const incoming = Object.assign(Readable.from(text === '' ? [] : [Buffer.from(text)]), {
      statusCode: res.status, statusMessage: res.statusText, headers: { 'content-type': 'application/json' }, rawHeaders: ['content-type', 'application/json'],
    });
    req.emit('response', incoming);
  });
  req.on('finish', () => {
    send().catch((e: unknown) => req.emit('error', e));
  });
  return Object.assign(req, { abort: () => undefined, setTimeout: () => req }) as unknown as http.ClientRequest;
}

function patch(fetch: ForgeFetch, original: RequestFn): RequestFn {
  return function request(this: unknown, ...args: unknown[]) {
    const o = args[0] as Options | undefined;
    if (typeof o === 'object' && typeof o.agent === 'string' && MAGIC_AGENTS.has(o.agent)) return fakeRequest(fetch, o);
    return (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
  };
}

export function installMagicAgent(fetch: ForgeFetch): void {
  if (originals !== undefined) return;
  originals = { http: http.request, https: https.request };
  http.request = patch(fetch, originals.http);
  https.request = patch(fetch, originals.https);
}

export function uninstallMagicAgent(): void {
  if (originals === undefined) return;
  http.request = originals.http;
  https.request = originals.https;
  originals = undefined;
}
